package dev.mcpproxy.server.http1;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One client connection. Its input is read and parsed on the server's selector thread only, one request at a
 * time: the next request is not looked at before the answer to this one has been handed over, which keeps
 * answers in order when a client pipelines. Answers are written by whichever thread has them, through the
 * connection's {@link ConnectionOutput}.
 */
final class Http1Connection {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Input kept while a request is being answered (a pipelining client); beyond it, reading pauses. */
    private static final int MAX_INPUT_WHILE_BUSY = 64 * 1024;

    private final Http1Server server;
    private final SocketChannel channel;
    private final ConnectionOutput output;
    private SelectionKey key;

    // Selector thread only.
    private final RequestReader reader;
    private long requestStartedNanos = System.nanoTime();
    private boolean servedAny;

    /** Where input goes once the connection is upgraded (a WebSocket); null while it speaks HTTP. */
    private RawInput upgraded;

    // Any thread.
    private volatile Http1Exchange current;
    private volatile boolean inputWaiting;
    private volatile long lastActivityNanos = System.nanoTime();
    /** The last byte received or answer ended: who made least progress makes room when every slot is taken. */
    private volatile long progressNanos = System.nanoTime();

    Http1Connection(Http1Server server, SocketChannel channel) {
        this.server = server;
        this.channel = channel;
        this.output = new ConnectionOutput(channel, server.limits().maxQueuedBytes());
        this.reader = new RequestReader(server, () -> write(ByteBuffer.wrap(CONTINUE)));
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
        long now = System.nanoTime();
        progressNanos = now;
        if (reader.betweenRequests()) {
            requestStartedNanos = now;
        }
        scratch.flip();
        try {
            reader.append(scratch);
        } catch (HttpError e) {
            overBudget(e);
            return;
        }
        inputWaiting = true;
        if (upgraded != null) {
            feedUpgraded();
        } else if (current == null) {
            takeRequests();
        } else if (reader.input().length() >= MAX_INPUT_WHILE_BUSY) {
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
            refuse(e.status(), e.getMessage(), Map.of(), false, false);
        }
        updateInterest();
    }

    private boolean takeRequest() throws HttpError {
        RequestReader.Taken taken = reader.next();
        inputWaiting = reader.input().length() > 0;
        if (taken == null) {
            return false;
        }
        long now = System.nanoTime();
        lastActivityNanos = now;
        requestStartedNanos = now;
        servedAny = true;
        RequestHead head = taken.head();
        boolean headRequest = head.method().equals("HEAD");
        switch (taken) {
            case RequestReader.Refused refused -> {
                // The body is never read: with none announced the connection can go on, else it closes.
                boolean keepOpen = head.keepAlive() && head.contentLength() == 0 && !head.chunked();
                refuse(refused.refusal().status(), refused.refusal().message(), refused.refusal().headers(),
                        keepOpen, headRequest);
            }
            case RequestReader.Whole whole -> {
                Http1Request request = new Http1Request(head.method(), head.path(), head.query(), head.http10(),
                        head.headers(), whole.body());
                Http1Exchange exchange = new Http1Exchange(this, head.keepAlive(), head.http10(), headRequest);
                current = exchange;
                server.dispatch(request, exchange);
            }
        }
        return true;
    }

    /** Answers with an error the server or the handler's check chose (no body read); closes unless told to stay. */
    private void refuse(int status, String message, Map<String, String> headers, boolean keepOpen,
                        boolean headRequest) {
        Http1Exchange exchange = new Http1Exchange(this, keepOpen, false, headRequest);
        current = exchange;
        headers.forEach(exchange::header);
        exchange.respond(status, "application/json", server.errorBody(message));
    }

    /** The input budget ran out: an HTTP request gets 503; a connection busy answering or upgraded just closes. */
    private void overBudget(HttpError error) {
        if (current == null && upgraded == null) {
            refuse(error.status(), error.getMessage(), Map.of(), false, false);
            updateInterest();
        } else {
            close();
        }
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
        InputBuffer input = reader.input();
        int used = upgraded.feed(input.bytes(), input.length());
        if (used > 0) {
            input.drop(used);
        }
    }

    /** Any thread: the current exchange has handed over its last bytes. */
    void exchangeEnded(boolean keepAlive) {
        if (!keepAlive) {
            // The exchange stays current, so that nothing more is read from a connection that is closing.
            if (output.closeWhenWritten()) {
                server.later(this::close);
            }
            return;
        }
        long now = System.nanoTime();
        lastActivityNanos = now;
        progressNanos = now;
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

    /**
     * Any thread: writes now what the socket takes and queues the rest. False when the connection is closed. Kept
     * under the JIT's inlining size (35 bytes of bytecode), so that an answer reaches ConnectionOutput without a
     * call of its own here.
     */
    boolean write(ByteBuffer... buffers) {
        ConnectionOutput.Written written = output.write(buffers);
        return written == ConnectionOutput.Written.SENT || notSentWhole(written);
    }

    /** What a write the socket did not take whole leaves to do: wait for the socket, or close. */
    private boolean notSentWhole(ConnectionOutput.Written written) {
        if (written == ConnectionOutput.Written.WAITING) {
            server.onSelector(this::updateInterest);
            return true;
        }
        if (written == ConnectionOutput.Written.BROKEN) {
            // Not here: the writer may hold locks that whoever is told of the close needs.
            server.later(this::close);
        }
        return false;
    }

    /** Selector thread: the socket takes more. */
    void onWritable() {
        if (output.flush()) {
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
        boolean reading = current == null || upgraded != null || reader.input().length() < MAX_INPUT_WHILE_BUSY;
        int ops = (reading ? SelectionKey.OP_READ : 0) | (output.waiting() ? SelectionKey.OP_WRITE : 0);
        if (k.interestOps() != ops) {
            k.interestOps(ops);
        }
    }

    /**
     * Selector thread: closes a connection whose head or body does not arrive in time, that idles too long between
     * requests, or that stopped reading its answers.
     */
    void checkTimeouts(long nowNanos) {
        Http1Server.Limits limits = server.limits();
        boolean stalled = output.stalled(nowNanos, limits.writeTimeout().toNanos());
        boolean late = false;
        if (current == null && upgraded == null) {
            if (reader.receivingBody()) {
                late = nowNanos - requestStartedNanos > limits.requestTimeout().toNanos();
            } else if (!reader.betweenRequests() || !servedAny) {
                // A new connection that sends nothing, or a head that does not come whole, holds a slot for nothing.
                late = nowNanos - requestStartedNanos > limits.headTimeout().toNanos();
            } else {
                late = nowNanos - lastActivityNanos > limits.idleTimeout().toNanos();
            }
        }
        if (late || stalled) {
            close();
        }
    }

    /** Whether closing it to make room for a new connection loses nothing: no exchange in flight, no stream open. */
    boolean evictable() {
        return current == null && upgraded == null && !isClosed();
    }

    long progressNanos() {
        return progressNanos;
    }

    boolean isClosed() {
        return output.isClosed();
    }

    /** Any thread: closes at once; a stream in progress is told. */
    void close() {
        output.close();
        boolean wasOpen = channel.isOpen();
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all that is left to do with it.
        }
        if (wasOpen) {
            // On the selector thread, the only one that grows the buffers: their memory goes back to the budget.
            server.onSelector(reader::release);
            Http1Exchange exchange = current;
            if (exchange != null) {
                exchange.connectionClosed();
            }
            server.forget(this);
        }
    }
}
