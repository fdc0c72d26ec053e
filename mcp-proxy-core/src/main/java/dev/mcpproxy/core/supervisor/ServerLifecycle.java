package dev.mcpproxy.core.supervisor;

import dev.mcpproxy.core.router.ListLoadException;
import dev.mcpproxy.core.router.LiveUpstream;

/** Told when a server comes up (handshake done) and when it goes down; the aggregate's lists follow. */
public interface ServerLifecycle {

    /** Called before the server is reported running; may block while its lists load, and fails if they do not. */
    void up(LiveUpstream live) throws ListLoadException;

    void down(String server);
}
