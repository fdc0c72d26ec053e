package dev.mcpproxy.server.http1;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A request body as its bytes arrive: it grows with what was received (at most doubling), never to what the
 * request announced, up to {@code limit}; every growth is paid from the server's {@link InputBudget}.
 */
final class BodyBuffer {

    /** The first step: a typical MCP call fits, and a connection that sends a few bytes costs no more. */
    private static final int FIRST_CAPACITY = 4096;
    private static final byte[] NONE = new byte[0];

    private final InputBudget budget;
    private final long limit;
    private byte[] bytes = NONE;
    private int length;

    /** @param limit the most this body can hold: its Content-Length, or the server's limit for a chunked one */
    BodyBuffer(InputBudget budget, long limit) {
        this.budget = budget;
        this.limit = limit;
    }

    int length() {
        return length;
    }

    void append(byte[] source, int from, int count) throws HttpError {
        ensureRoom(count);
        System.arraycopy(source, from, bytes, length, count);
        length += count;
    }

    /** Appends {@code count} bytes of what {@code source} has left: input read straight into the body. */
    void append(ByteBuffer source, int count) throws HttpError {
        ensureRoom(count);
        source.get(bytes, length, count);
        length += count;
    }

    private void ensureRoom(int count) throws HttpError {
        int needed = length + count;
        if (needed > bytes.length) {
            long grown = Math.min(limit, Math.max(needed, Math.max(FIRST_CAPACITY, 2L * bytes.length)));
            budget.reserve(grown - bytes.length);
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
    }

    /** The body received, for the handler; its memory is no longer the budget's. */
    byte[] take() {
        byte[] body = bytes.length == length ? bytes : Arrays.copyOf(bytes, length);
        release();
        return body;
    }

    /** Gives the memory back: the body was taken, or its connection closed. */
    void release() {
        budget.release(bytes.length);
        bytes = NONE;
        length = 0;
    }
}
