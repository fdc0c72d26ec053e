package dev.mcpproxy.server.http1;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that requests still arriving hold, for all connections of a server together: each connection's
 * input and each body being received pay for their growth here and give it back when the request is handed over
 * or the connection closes. A request that would take the total past the limit is refused with 503.
 */
final class InputBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    InputBudget(long limit) {
        this.limit = limit;
    }

    void reserve(long bytes) throws HttpError {
        if (used.addAndGet(bytes) > limit) {
            used.addAndGet(-bytes);
            throw new HttpError(503, "The server is receiving too much at once (" + (limit >> 20)
                    + " MiB for all requests together); try again in a moment");
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
