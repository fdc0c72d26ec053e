package dev.mcpproxy.core.upstream;

/**
 * Told when an upstream becomes usable (its handshake done) and when it stops being so: the router, whose routes
 * and lists follow. The supervisor that keeps the upstream running calls it and knows no more of the router.
 */
public interface ServerLifecycle {

    /** Called before the server is reported running; may block while its lists load, and fails if they do not. */
    void up(LiveUpstream live) throws ListLoadException;

    /** {@code live} is gone (stopped, crashed, restarting); nothing may be routed to it any more. */
    void down(LiveUpstream live);
}
