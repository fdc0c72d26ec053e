package dev.mcpproxy.server.http1;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A connection's input not used yet (a head coming in, pipelined requests, WebSocket frames): it grows with what
 * arrives, at most doubling, and every growth is paid from the server's {@link InputBudget}.
 */
final class InputBuffer {

    /** What a connection keeps between requests: a typical head and small body fit without growing. */
    private static final int RESTING_CAPACITY = 4096;
    private static final byte[] NONE = new byte[0];

    private final InputBudget budget;
    private byte[] bytes = NONE;
    private int length;

    InputBuffer(InputBudget budget) {
        this.budget = budget;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Appends what {@code source} has left. */
    void append(ByteBuffer source) throws HttpError {
        int count = source.remaining();
        int needed = length + count;
        if (needed > bytes.length) {
            int grown = (int) Math.max(needed, Math.max(RESTING_CAPACITY, 2L * bytes.length));
            budget.reserve(grown - bytes.length);
            bytes = Arrays.copyOf(bytes, grown);
        }
        source.get(bytes, length, count);
        length = needed;
    }

    void drop(int count) {
        System.arraycopy(bytes, count, bytes, 0, length - count);
        length -= count;
    }

    /** After a request: a buffer a large head or a pipelining burst grew goes back to its resting size. */
    void shrink() {
        if (bytes.length > 16 * RESTING_CAPACITY && length <= RESTING_CAPACITY) {
            budget.release(bytes.length - RESTING_CAPACITY);
            bytes = Arrays.copyOf(bytes, RESTING_CAPACITY);
        }
    }

    /** The connection closed: its memory goes back to the budget. */
    void release() {
        budget.release(bytes.length);
        bytes = NONE;
        length = 0;
    }
}
