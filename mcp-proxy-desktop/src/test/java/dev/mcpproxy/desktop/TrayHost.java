package dev.mcpproxy.desktop;

import java.awt.SystemTray;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * A real system tray on the virtual display: Debian's trayer (an XEmbed tray host, as a panel's), along the top edge
 * at the right, icons 24 px. Started by a test, stopped by its pid; until it is, a tray icon has somewhere to go.
 */
public final class TrayHost implements AutoCloseable {

    public static final int ICON_SIZE = 24;

    private final Process trayer;

    private TrayHost(Process trayer) {
        this.trayer = trayer;
    }

    public static TrayHost start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype",
                "request", "--height", Integer.toString(ICON_SIZE), "--SetDockType", "true", "--transparent", "false")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DISPLAY", VirtualDisplay.ensure());
        TrayHost host = new TrayHost(builder.start());
        host.await(true);
        return host;
    }

    @Override
    public void close() throws Exception {
        trayer.destroy();
        trayer.onExit().get();
        await(false);
    }

    /** Until AWT sees the tray come or go (it follows the tray's X selection). */
    private void await(boolean present) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (SystemTray.isSupported() != present) {
            if (present && !trayer.isAlive()) {
                throw new AssertionError("trayer exited with " + trayer.exitValue() + " (is package trayer "
                        + "installed?)");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("AWT did not see the tray " + (present ? "appear" : "go") + " within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
