package dev.mcpproxy.server.http1;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one connection sends. Any thread writes: straight to the socket when it takes the bytes, else they wait here
 * for the selector thread, which writes them as the socket takes more. Answers that pile up behind one that waits
 * cut the client off, so a client that does not read holds a bounded amount. Its connection acts on what a write
 * or a flush says (closes, or asks the selector to wait for the socket); this class only knows the bytes.
 */
final class ConnectionOutput {

    /** What became of a write. */
    enum Written {
        /** The socket took it all. */
        SENT,
        /** Some of it waits for the socket to take more. */
        WAITING,
        /** Nothing was written: the connection was closed already. */
        CLOSED,
        /** The socket failed, or the client fell too far behind: nothing more is written, the connection must close. */
        BROKEN
    }

    private static final Logger LOG = Logger.getLogger(ConnectionOutput.class.getName());

    private final SocketChannel channel;
    private final long maxQueuedBytes;

    // Guarded by this.
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long stalledSinceNanos;
    private boolean closeWhenWritten;
    private boolean closed;

    /** @param maxQueuedBytes what may wait behind an answer that waits before the client is cut off */
    ConnectionOutput(SocketChannel channel, long maxQueuedBytes) {
        this.channel = channel;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Any thread: writes now what the socket takes and queues the rest. */
    synchronized Written write(ByteBuffer... buffers) {
        if (closed) {
            return Written.CLOSED;
        }
        boolean behind = !queue.isEmpty();
        try {
            if (!behind) {
                channel.write(buffers);
            }
        } catch (IOException e) {
            closed = true;
            return Written.BROKEN;
        }
        for (ByteBuffer buffer : buffers) {
            if (buffer.hasRemaining()) {
                if (queue.isEmpty()) {
                    stalledSinceNanos = System.nanoTime();
                }
                queue.add(buffer);
                queuedBytes += buffer.remaining();
            }
        }
        // One large answer may wait whole; answers piling up behind one that waits may not.
        if (behind && queuedBytes > maxQueuedBytes) {
            LOG.log(Level.INFO, "Closed a client connection that is not reading what it asked for ("
                    + queuedBytes + " bytes waiting)");
            closed = true;
            return Written.BROKEN;
        }
        return queue.isEmpty() ? Written.SENT : Written.WAITING;
    }

    /** Selector thread: the socket takes more. True when the connection is to close now. */
    synchronized boolean flush() {
        try {
            while (!queue.isEmpty()) {
                ByteBuffer first = queue.peek();
                int written = channel.write(first);
                queuedBytes -= written;
                if (written > 0) {
                    stalledSinceNanos = System.nanoTime();
                }
                if (first.hasRemaining()) {
                    break;
                }
                queue.poll();
            }
        } catch (IOException e) {
            closed = true;
        }
        return closed || (queue.isEmpty() && closeWhenWritten);
    }

    /** The connection closes once what waits has been written. True when nothing waits: it may close now. */
    synchronized boolean closeWhenWritten() {
        closeWhenWritten = true;
        return queue.isEmpty();
    }

    synchronized boolean waiting() {
        return !queue.isEmpty();
    }

    /** Whether bytes have waited longer than {@code timeoutNanos} without the socket taking any. */
    synchronized boolean stalled(long nowNanos, long timeoutNanos) {
        return !queue.isEmpty() && nowNanos - stalledSinceNanos > timeoutNanos;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Nothing more is written, and what waits is dropped. */
    synchronized void close() {
        closed = true;
        queue.clear();
        queuedBytes = 0;
    }
}
