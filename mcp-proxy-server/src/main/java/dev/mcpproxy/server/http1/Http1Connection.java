package dev.mcpproxy.server.http1;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection. Its input is read and parsed on the server's selector thread only, one request at a
 * time: the next request is not looked at before the answer to this one has been handed over, which keeps
 * answers in order when a client pipelines. Answers are written by whichever thread has them, straight to the
 * socket when it takes them, else queued for the selector to write; a client that lets too much pile up is cut off.
 */
final class Http1Connection {

    private static final Logger LOG = Logger.getLogger(Http1Connection.class.getName());
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Input kept while a request is being answered (a pipelining client); beyond it, reading pauses. */
    private static final int MAX_INPUT_WHILE_BUSY = 64 * 1024;

    private final Http1Server server;
    private final SocketChannel channel;
    private SelectionKey key;

    // Selector thread only.
    private byte[] input = new byte[0];
    private int inputLength;
    private RequestHead head;
    private int bodyStart;
    private ChunkedBody chunks;
    private long requestStartedNanos;

    /** Where input goes once the connection is upgraded (a WebSocket); null while it speaks HTTP. */
    private RawInput upgraded;

    // Any thread.
    private volatile Http1Exchange current;
    private volatile boolean inputWaiting;
    private volatile long lastActivityNanos = System.nanoTime();

    // Guarded by this.
    private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();
    private long queuedBytes;
    private long outputStalledSinceNanos;
    private boolean closeWhenWritten;
    private boolean closed;

    Http1Connection(Http1Server server, SocketChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    void registered(SelectionKey key) {
        this.key = key;
    }

    /** Selector thread: what the socket has for us. */
    void onReadable(ByteBuffer scratch) {
        int read;
        try {
            scratch.clear();
            read = channel.read(scratch);
        } catch (IOException e) {
            close();
            return;
        }
        if (read < 0) {
            close();
            return;
        }
        if (inputLength == 0) {
            requestStartedNanos = System.nanoTime();
        }
        scratch.flip();
        ensureRoom(read);
        scratch.get(input, inputLength, read);
        inputLength += read;
        inputWaiting = true;
        if (upgraded != null) {
            feedUpgraded();
        } else if (current == null) {
            takeRequests();
        } else if (inputLength >= MAX_INPUT_WHILE_BUSY) {
            updateInterest();
        }
    }

    /** Selector thread: serves every whole request in the input, one after another, while none is being answered. */
    void takeRequests() {
        try {
            while (current == null && !isClosed() && takeRequest()) {
                // Each request taken is answered (or being answered) before the next is looked at.
            }
        } catch (HttpError e) {
            refuse(e);
        }
        updateInterest();
    }

    private boolean takeRequest() throws HttpError {
        if (head == null) {
            skipEmptyLines();
            int end = RequestHead.end(input, 0, inputLength);
            if (end < 0) {
                if (inputLength > RequestHead.MAX_HEAD_BYTES) {
                    throw new HttpError(431, "Request head too large (limit " + RequestHead.MAX_HEAD_BYTES + " bytes)");
                }
                inputWaiting = inputLength > 0;
                return false;
            }
            if (end > RequestHead.MAX_HEAD_BYTES) {
                throw new HttpError(431, "Request head too large (limit " + RequestHead.MAX_HEAD_BYTES + " bytes)");
            }
            head = RequestHead.parse(input, 0, end);
            bodyStart = end;
            if (head.contentLength() > server.limits().maxBodyBytes()) {
                throw new HttpError(413, "Request body too large (limit " + server.limits().maxBodyBytes() + " bytes)");
            }
            chunks = head.chunked() ? new ChunkedBody(end, server.limits().maxBodyBytes()) : null;
            if (!head.chunked() && bodyStart + head.contentLength() > input.length) {
                input = Arrays.copyOf(input, bodyStart + (int) head.contentLength());
            }
            if (head.expectsContinue() && bodyIncomplete()) {
                write(ByteBuffer.wrap(CONTINUE));
            }
        }
        byte[] body;
        int requestEnd;
        if (chunks != null) {
            requestEnd = chunks.feed(input, inputLength);
            if (requestEnd < 0) {
                return false;
            }
            body = chunks.bytes();
        } else {
            requestEnd = bodyStart + (int) head.contentLength();
            if (inputLength < requestEnd) {
                return false;
            }
            body = Arrays.copyOfRange(input, bodyStart, requestEnd);
        }
        RequestHead taken = head;
        consume(requestEnd);
        Http1Request request = new Http1Request(taken.method(), taken.path(), taken.query(), taken.http10(),
                taken.headers(), body);
        Http1Exchange exchange = new Http1Exchange(this, taken.keepAlive(), taken.http10());
        current = exchange;
        server.dispatch(request, exchange);
        return true;
    }

    private boolean bodyIncomplete() {
        return head.chunked() || inputLength < bodyStart + head.contentLength();
    }

    /** RFC 9112 2.2: a server should ignore empty lines before a request line (some clients end bodies with one). */
    private void skipEmptyLines() {
        int skip = 0;
        while (skip < inputLength && (input[skip] == '\r' || input[skip] == '\n')) {
            skip++;
        }
        if (skip > 0) {
            drop(skip);
        }
    }

    /** Removes a request served from the input; the next one's time runs from now. */
    private void consume(int count) {
        drop(count);
        lastActivityNanos = System.nanoTime();
        head = null;
        chunks = null;
        inputWaiting = inputLength > 0;
        requestStartedNanos = System.nanoTime();
        if (input.length > 64 * 1024 && inputLength < 4096) {
            input = Arrays.copyOf(input, 4096);
        }
    }

    private void drop(int count) {
        System.arraycopy(input, count, input, 0, inputLength - count);
        inputLength -= count;
    }

    private void ensureRoom(int more) {
        int needed = inputLength + more;
        if (needed > input.length) {
            long doubled = Math.min(2L * input.length, RequestHead.MAX_HEAD_BYTES + (long) server.limits().maxBodyBytes());
            input = Arrays.copyOf(input, (int) Math.max(needed, Math.max(4096, doubled)));
        }
    }

    private void refuse(HttpError error) {
        Http1Exchange exchange = new Http1Exchange(this, false, false);
        current = exchange;
        exchange.respond(error.status(), "application/json", server.errorBody(error.getMessage()));
    }

    /** Any thread: sends the upgrade's answer; from the selector's next step on, input goes to {@code protocol}. */
    boolean upgrade(ByteBuffer head, RawInput protocol) {
        if (!write(head)) {
            return false;
        }
        server.later(() -> {
            upgraded = protocol;
            feedUpgraded();
            updateInterest();
        });
        return true;
    }

    /** Selector thread: hands the input to the upgraded protocol and keeps what it did not take yet. */
    private void feedUpgraded() {
        int used = upgraded.feed(input, inputLength);
        if (used > 0) {
            drop(used);
        }
    }

    /** Any thread: the current exchange has handed over its last bytes. */
    void exchangeEnded(boolean keepAlive) {
        if (!keepAlive) {
            // The exchange stays current, so that nothing more is read from a connection that is closing.
            synchronized (this) {
                closeWhenWritten = true;
                if (!output.isEmpty()) {
                    return;
                }
            }
            server.later(this::close);
            return;
        }
        lastActivityNanos = System.nanoTime();
        current = null;
        if (inputWaiting || pausedReading()) {
            // Queued even on the selector thread: run here, it would recurse once per pipelined request.
            server.later(this::takeRequests);
        }
    }

    private boolean pausedReading() {
        SelectionKey k = key;
        return k != null && k.isValid() && (k.interestOps() & SelectionKey.OP_READ) == 0;
    }

    /** Any thread: writes now what the socket takes and queues the rest. False when the connection is closed. */
    boolean write(ByteBuffer... buffers) {
        boolean wantsWriteInterest;
        boolean closedNow;
        synchronized (this) {
            if (closed) {
                return false;
            }
            boolean behind = !output.isEmpty();
            try {
                if (!behind) {
                    channel.write(buffers);
                }
            } catch (IOException e) {
                closed = true;
            }
            if (!closed) {
                for (ByteBuffer buffer : buffers) {
                    if (buffer.hasRemaining()) {
                        if (output.isEmpty()) {
                            outputStalledSinceNanos = System.nanoTime();
                        }
                        output.add(buffer);
                        queuedBytes += buffer.remaining();
                    }
                }
                // One large answer may wait whole; answers piling up behind one that waits may not.
                if (behind && queuedBytes > server.limits().maxQueuedBytes()) {
                    LOG.log(Level.INFO, "Closed a client connection that is not reading what it asked for ("
                            + queuedBytes + " bytes waiting)");
                    closed = true;
                }
            }
            closedNow = closed;
            wantsWriteInterest = !closed && !output.isEmpty();
        }
        if (closedNow) {
            // Not here: the writer may hold locks that whoever is told of the close needs.
            server.later(this::close);
            return false;
        }
        if (wantsWriteInterest) {
            server.onSelector(this::updateInterest);
        }
        return true;
    }

    /** Selector thread: the socket takes more. */
    void onWritable() {
        boolean closeNow;
        synchronized (this) {
            try {
                while (!output.isEmpty()) {
                    ByteBuffer first = output.peek();
                    int written = channel.write(first);
                    queuedBytes -= written;
                    if (written > 0) {
                        outputStalledSinceNanos = System.nanoTime();
                    }
                    if (first.hasRemaining()) {
                        break;
                    }
                    output.poll();
                }
            } catch (IOException e) {
                closed = true;
            }
            closeNow = closed || (output.isEmpty() && closeWhenWritten);
        }
        if (closeNow) {
            close();
        } else {
            updateInterest();
        }
    }

    /** Selector thread: reads unless busy with a full input; writes while output waits. */
    void updateInterest() {
        SelectionKey k = key;
        if (k == null || !k.isValid()) {
            return;
        }
        boolean reading = current == null || upgraded != null || inputLength < MAX_INPUT_WHILE_BUSY;
        boolean writing;
        synchronized (this) {
            writing = !output.isEmpty();
        }
        int ops = (reading ? SelectionKey.OP_READ : 0) | (writing ? SelectionKey.OP_WRITE : 0);
        if (k.interestOps() != ops) {
            k.interestOps(ops);
        }
    }

    /** Selector thread: closes a connection whose request does not arrive, or that idles, or that stopped reading. */
    void checkTimeouts(long nowNanos) {
        Http1Server.Limits limits = server.limits();
        boolean partialRequest = current == null && inputLength > 0;
        boolean idle = current == null && inputLength == 0;
        boolean stalled;
        synchronized (this) {
            stalled = !output.isEmpty() && nowNanos - outputStalledSinceNanos > limits.writeTimeout().toNanos();
        }
        if ((partialRequest && nowNanos - requestStartedNanos > limits.requestTimeout().toNanos())
                || (idle && nowNanos - lastActivityNanos > limits.idleTimeout().toNanos())
                || stalled) {
            close();
        }
    }

    boolean isClosed() {
        synchronized (this) {
            return closed;
        }
    }

    /** Any thread: closes at once; a stream in progress is told. */
    void close() {
        synchronized (this) {
            closed = true;
            output.clear();
            queuedBytes = 0;
        }
        boolean wasOpen = channel.isOpen();
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all that is left to do with it.
        }
        if (wasOpen) {
            Http1Exchange exchange = current;
            if (exchange != null) {
                exchange.connectionClosed();
            }
            server.forget(this);
        }
    }
}
