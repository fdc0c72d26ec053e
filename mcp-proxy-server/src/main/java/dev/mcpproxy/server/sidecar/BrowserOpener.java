package dev.mcpproxy.server.sidecar;

import dev.mcpproxy.server.api.ApiToken;
import dev.mcpproxy.shared.OperatingSystem;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --open}: the UI's address handed to the system's own opener, which starts the user's browser.
 * {@code java.awt.Desktop} is not there in a headless JVM, and the launcher runs one. A failure is one warning line;
 * the proxy runs on either way.
 */
final class BrowserOpener {

    private static final System.Logger LOG = System.getLogger("mcp-proxy");
    /** Openers return at once; one that does not (a browser run in the foreground) is left running after this. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private BrowserOpener() {
    }

    static List<String> command(OperatingSystem os, String url) {
        return switch (os) {
            case LINUX -> List.of("xdg-open", url);
            case MACOS -> List.of("open", url);
            case WINDOWS -> List.of("rundll32", "url.dll,FileProtocolHandler", url);
        };
    }

    /** On a thread of its own: the sidecar's start does not wait for a browser. */
    static void open(String url, OperatingSystem os) {
        Thread.ofVirtual().name("open-browser").start(() -> run(command(os, url)));
    }

    private static void run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // The browser has no business with the management API's token.
        builder.environment().remove(ApiToken.ENVIRONMENT_VARIABLE);
        String opener = command.getFirst();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
                warn(opener + " exited with status " + process.exitValue());
            }
        } catch (IOException e) {
            // The message names the program, never its arguments: the address may hold the token.
            warn(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void warn(String why) {
        LOG.log(Level.WARNING, "Could not open the UI in a browser ({0}); open the address printed above", why);
    }
}
