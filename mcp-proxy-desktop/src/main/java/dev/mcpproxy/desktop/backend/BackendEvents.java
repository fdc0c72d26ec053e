package dev.mcpproxy.desktop.backend;

import java.util.List;

/** What the monitor tells the window (and through it the page) about the sidecar. Called on the monitor's thread. */
public interface BackendEvents {

    /** Something went wrong with the sidecar, in words: the page's {@code backend-error}. */
    void error(String message);

    /** The sidecar's status changed (restarted, stopped): the page's {@code backend-status}. */
    void status(BackendStatus status);

    /** The monitor stopped restarting the sidecar: why, and the sidecar's last lines of output. */
    void gaveUp(String message, List<String> lastLines);
}
