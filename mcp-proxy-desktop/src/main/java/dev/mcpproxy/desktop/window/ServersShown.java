package dev.mcpproxy.desktop.window;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import javafx.animation.AnimationTimer;
import javafx.scene.web.WebEngine;

/**
 * The end of the launch as the user sees it: logs once, in the app's life, when the page first shows the servers
 * list with every server running, and how long after the launch (the process's start, which is the launcher's).
 * bench/desktop.mjs times the launch by this line. The page is checked on each of the FX thread's pulses, from the
 * first load of the sidecar's page until then, or until a minute has passed (a list with no server, or one that does
 * not start, never shows it): an idle window does not keep checking.
 */
final class ServersShown extends AnimationTimer {

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");
    private static final Duration WATCHED_AT_MOST = Duration.ofMinutes(1);
    /** The running servers' names when the list has servers and every one is running; null otherwise. */
    private static final String EVERY_SERVER_RUNNING = """
            (() => {
              const rows = [...document.querySelectorAll('table.servers tr[data-server]')];
              return rows.length > 0 && rows.every((row) => row.querySelector('[data-state="running"]'))
                ? rows.map((row) => row.dataset.server).join(', ') : null;
            })()""";

    private final WebEngine engine;
    private boolean started;
    private long firstPulse;

    ServersShown(WebEngine engine) {
        this.engine = engine;
    }

    /** Starts watching, the first time only. */
    void watch() {
        if (!started) {
            started = true;
            start();
        }
    }

    @Override
    public void handle(long now) {
        if (firstPulse == 0) {
            firstPulse = now;
        }
        if (engine.executeScript(EVERY_SERVER_RUNNING) instanceof String names) {
            stop();
            String since = ProcessHandle.current().info().startInstant()
                    .map(launch -> ", " + Duration.between(launch, Instant.now()).toMillis() + " ms after the launch")
                    .orElse("");
            LOG.log(Level.INFO, "The window shows the servers list, every one running ({0}){1}", names, since);
        } else if (now - firstPulse > WATCHED_AT_MOST.toNanos()) {
            stop();
        }
    }
}
