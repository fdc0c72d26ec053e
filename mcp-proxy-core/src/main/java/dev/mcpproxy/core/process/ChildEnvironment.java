package dev.mcpproxy.core.process;

import java.util.List;
import java.util.Map;

/**
 * What every child process of the proxy gets: the proxy's own environment, with the server's variables added, and
 * without the launch token. Whoever holds that token can start programs through the management API, so no upstream
 * (nor the proxy's helpers) may see it. Java cannot unset a variable in its own process, so children are the place
 * to drop it; file descriptors need no such care, as the JDK closes all but the three pipes in every child.
 */
public final class ChildEnvironment {

    /** The management API's launch token, passed by the desktop app to the sidecar. */
    public static final String LAUNCH_TOKEN = "MCP_PROXY_TOKEN";

    private ChildEnvironment() {
    }

    /** A builder for {@code argv} whose environment is the proxy's plus {@code added}, minus the launch token. */
    static ProcessBuilder builder(List<String> argv, Map<String, String> added) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> environment = builder.environment();
        environment.putAll(added);
        // Removed after the server's own variables too: `env: {MCP_PROXY_TOKEN: ...}` must not hand it on either.
        environment.remove(LAUNCH_TOKEN);
        return builder;
    }

    /** The PATH the child will search: its own {@code env} PATH when it has one, else the proxy's. */
    static String path(Map<String, String> added) {
        String path = added.getOrDefault("PATH", System.getenv("PATH"));
        return path == null ? "" : path;
    }
}
