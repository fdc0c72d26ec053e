package dev.mcpproxy.server;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** YAML entries for the POSIX-sh MCP responder of the test resources: a real child far smaller than a JVM. */
final class ShellResponder {

    private ShellResponder() {
    }

    static Path script() {
        try {
            return Path.of(ShellResponder.class.getResource("/fixtures/mcp-responder.sh").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server named {@code name} with no tools. */
    static String entry(String name) {
        return """
                  - name: %s
                    command: sh
                    args: ["%s"]
                """.formatted(name, script());
    }

    /** A server named {@code name} whose tools/list result is the JSON in {@code toolsResult}. */
    static String entry(String name, Path toolsResult) {
        return """
                  - name: %s
                    command: sh
                    args: ["%s", "%s"]
                """.formatted(name, script(), toolsResult);
    }
}
