package dev.mcpproxy.server.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's thread pool, except that a connection whose answer was just written goes on on the thread that wrote it.
 * An answer usually leaves from an upstream's reader thread, long after the handler returned; Jetty then resumes
 * the connection (read the next request or wait for it) by handing it to a pooled thread. On this machine waking
 * that thread cost more than the resumption itself, once per call. The resumption does not block (a non-blocking
 * read, then a request to the selector), so the writing thread may run it.
 */
final class AnswerThreadPool extends QueuedThreadPool {

    private static final ScopedValue<Boolean> ANSWERING = ScopedValue.newInstance();

    AnswerThreadPool(int maxThreads, int minThreads) {
        super(maxThreads, minThreads);
    }

    /** Runs {@code write}, a write that may end an exchange, so that the connection resumes on this thread. */
    static void answer(Runnable write) {
        ScopedValue.where(ANSWERING, Boolean.TRUE).run(write);
    }

    @Override
    public void execute(Runnable job) {
        if (ANSWERING.orElse(Boolean.FALSE) && job instanceof Connection) {
            // Unbound inside, so that whatever the resumed connection completes goes to the pool as usual.
            ScopedValue.where(ANSWERING, Boolean.FALSE).run(job);
            return;
        }
        super.execute(job);
    }
}
