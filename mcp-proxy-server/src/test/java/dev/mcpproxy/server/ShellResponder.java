package dev.mcpproxy.server;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** YAML entries for the POSIX-sh MCP responder of the test resources: a real child far smaller than a JVM. */
public final class ShellResponder {

    private ShellResponder() {
    }

    public static Path script() {
        try {
            return Path.of(ShellResponder.class.getResource("/fixtures/mcp-responder.sh").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server named {@code name} with no tools. */
    public static String entry(String name) {
        return """
                  - name: %s
                    command: sh
                    args: ["%s"]
                """.formatted(name, script());
    }

    /** A server named {@code name} whose tools/list result is the JSON in {@code toolsResult}. */
    public static String entry(String name, Path toolsResult) {
        return """
                  - name: %s
                    command: sh
                    args: ["%s", "%s"]
                """.formatted(name, script(), toolsResult);
    }
}
