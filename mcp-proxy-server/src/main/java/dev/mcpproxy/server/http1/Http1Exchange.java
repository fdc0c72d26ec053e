package dev.mcpproxy.server.http1;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The answer to one request: a whole response at once, or a stream of chunks (server-sent events) that ends
 * when the handler ends it or the client goes away. Any thread may answer, once; nothing here blocks.
 */
public final class Http1Exchange {

    /**
     * A body up to this size goes out in one buffer with its head: one copy of a small body costs less than the
     * socket write of two buffers (the JDK copies each into a direct buffer of its own, then writes them together).
     */
    private static final int ONE_WRITE_BYTES = 16 * 1024;
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private enum State { NEW, STREAMING, UPGRADED, DONE }

    private final Http1Connection connection;
    private final boolean keepAlive;
    private final boolean http10;
    /** A HEAD request: answered with the head a GET would get, and no body (RFC 9110 9.3.2). */
    private final boolean headRequest;
    private final StringBuilder headers = new StringBuilder();
    private State state = State.NEW;
    private Runnable onStreamClosed;

    Http1Exchange(Http1Connection connection, boolean keepAlive, boolean http10, boolean headRequest) {
        this.connection = connection;
        this.keepAlive = keepAlive;
        this.http10 = http10;
        this.headRequest = headRequest;
    }

    /** Adds a response header; only before the response starts. */
    public synchronized void header(String name, String value) {
        if (state != State.NEW) {
            throw new IllegalStateException("the response has started");
        }
        if (containsLineBreak(name) || containsLineBreak(value)) {
            throw new IllegalArgumentException("line break in response header " + name);
        }
        headers.append(name).append(": ").append(value).append("\r\n");
    }

    /**
     * Sends the whole response; a body of null or no bytes sends none, and so do 204, 304 and answers to HEAD.
     * Later answers are ignored.
     */
    public void respond(int status, String contentType, byte[] body) {
        int length = body == null ? 0 : body.length;
        // 204 and 304 have no body and say no length (RFC 9110 8.6, 15.3.5, 15.4.5).
        boolean bodiless = status == 204 || status == 304;
        ByteBuffer head;
        synchronized (this) {
            if (state != State.NEW) {
                return;
            }
            state = State.DONE;
            if (contentType != null) {
                headers.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (!bodiless) {
                headers.append("Content-Length: ").append(length).append("\r\n");
            }
            head = head(status, keepAlive);
        }
        if (bodiless || headRequest || length == 0) {
            connection.write(head);
        } else if (length <= ONE_WRITE_BYTES) {
            ByteBuffer whole = ByteBuffer.allocate(head.remaining() + length);
            connection.write(whole.put(head).put(body).flip());
        } else {
            connection.write(head, ByteBuffer.wrap(body));
        }
        connection.exchangeEnded(keepAlive);
    }

    /**
     * Starts a stream of the given type; {@code onClosed} runs once when it ends, whoever ends it. False when the
     * response had already started or the connection is gone, and for a HEAD request, which gets the head alone.
     */
    public boolean startStream(int status, String contentType, Runnable onClosed) {
        ByteBuffer head;
        synchronized (this) {
            if (state != State.NEW) {
                return false;
            }
            state = State.STREAMING;
            onStreamClosed = onClosed;
            headers.append("Content-Type: ").append(contentType).append("\r\n");
            if (!http10) {
                headers.append("Transfer-Encoding: chunked\r\n");
            }
            head = head(status, keepAlive);
        }
        if (!connection.write(head)) {
            streamClosed();
            return false;
        }
        if (headRequest) {
            endStream();
            return false;
        }
        return true;
    }

    /** Sends bytes on the stream; false when the stream has ended (or its client was too far behind). */
    public boolean sendChunk(byte[] data) {
        synchronized (this) {
            if (state != State.STREAMING) {
                return false;
            }
            if (data.length == 0) {
                return true;
            }
            if (http10) {
                return connection.write(ByteBuffer.wrap(data));
            }
            byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            return connection.write(ByteBuffer.wrap(size), ByteBuffer.wrap(data),
                    ByteBuffer.wrap(LAST_CHUNK, 1, 2));
        }
    }

    /**
     * Answers 101 Switching Protocols (with the headers added before) and hands what the client sends from now on
     * to {@code input}; {@code onClosed} runs once when the connection ends. False when the response had started.
     */
    boolean upgrade(RawInput input, Runnable onClosed) {
        ByteBuffer head;
        synchronized (this) {
            if (state != State.NEW) {
                return false;
            }
            state = State.UPGRADED;
            onStreamClosed = onClosed;
            head = head(101, true);
        }
        if (!connection.upgrade(head, input)) {
            connectionClosed();
            return false;
        }
        return true;
    }

    /** Sends bytes as they are on an upgraded connection; false when it has ended. */
    boolean sendRaw(ByteBuffer... data) {
        synchronized (this) {
            return state == State.UPGRADED && connection.write(data);
        }
    }

    /** Closes an upgraded connection once what was sent has been written. */
    void closeUpgraded() {
        synchronized (this) {
            if (state != State.UPGRADED) {
                return;
            }
            state = State.DONE;
        }
        connection.exchangeEnded(false);
        streamClosed();
    }

    /** Ends the stream after what was sent. */
    public void endStream() {
        synchronized (this) {
            if (state != State.STREAMING) {
                return;
            }
            state = State.DONE;
            if (!http10 && !headRequest) {
                connection.write(ByteBuffer.wrap(LAST_CHUNK));
            }
        }
        connection.exchangeEnded(keepAlive);
        streamClosed();
    }

    /** Closes the connection at once, without an answer: what is left when even an error cannot be built. */
    void closeConnection() {
        connection.close();
    }

    synchronized boolean isUpgraded() {
        return state == State.UPGRADED;
    }

    /** The connection closed under the exchange. */
    void connectionClosed() {
        synchronized (this) {
            if (state == State.DONE) {
                return;
            }
            state = State.DONE;
        }
        streamClosed();
    }

    private void streamClosed() {
        Runnable closed;
        synchronized (this) {
            closed = onStreamClosed;
            onStreamClosed = null;
        }
        if (closed != null) {
            closed.run();
        }
    }

    private ByteBuffer head(int status, boolean keepOpen) {
        String text = "HTTP/1.1 " + status + " " + reason(status) + "\r\n" + headers
                + (keepOpen ? "" : "Connection: close\r\n") + "\r\n";
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean containsLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    private static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }
}
