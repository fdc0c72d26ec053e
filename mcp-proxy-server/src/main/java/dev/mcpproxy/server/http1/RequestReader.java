package dev.mcpproxy.server.http1;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Assembles a connection's requests from its input, on the selector thread only: a head as soon as it has all come,
 * checked by the handler before anything else is read; then its body, into memory only as it arrives.
 */
final class RequestReader {

    private static final byte[] NO_BODY = new byte[0];

    /** What the input held: a whole request, or a head the handler refused (its body, if any, never read). */
    sealed interface Taken {
        RequestHead head();
    }

    record Whole(RequestHead head, byte[] body) implements Taken {
    }

    record Refused(RequestHead head, Http1Server.Refusal refusal) implements Taken {
    }

    private final Http1Server server;
    private final Runnable sendContinue;
    private final InputBuffer input;
    /** How much of a head still coming was already scanned for its end. */
    private int headScanned;
    private RequestHead head;
    /** Where in the input the body of {@link #head} goes on. */
    private int bodyStart;
    private BodyBuffer body;
    private ChunkedBody chunks;

    /** @param sendContinue answers {@code 100 Continue}, for a head that asked for it and was admitted */
    RequestReader(Http1Server server, Runnable sendContinue) {
        this.server = server;
        this.sendContinue = sendContinue;
        this.input = new InputBuffer(server.budget());
    }

    InputBuffer input() {
        return input;
    }

    /** Whether nothing of a request has come: no byte of a head waits, no body is being received. */
    boolean betweenRequests() {
        return input.length() == 0 && head == null;
    }

    boolean receivingBody() {
        return head != null;
    }

    /** Appends what was read; while a body is being received with nothing before it, straight into the body. */
    void append(ByteBuffer read) throws HttpError {
        if (body != null && input.length() == 0) {
            // One copy of each body byte, not two.
            body.append(read, (int) Math.min(read.remaining(), head.contentLength() - body.length()));
        }
        input.append(read);
    }

    /** The next request in the input, whole or refused at its head; null while more input is needed. */
    Taken next() throws HttpError {
        if (head == null) {
            Taken refused = takeHead();
            if (refused != null || head == null) {
                return refused;
            }
        }
        byte[] content = NO_BODY;
        int position = bodyStart;
        if (chunks != null) {
            position = chunks.feed(input.bytes(), position, input.length());
            if (!chunks.done()) {
                return waitForBody(position);
            }
            content = chunks.take();
        } else if (body != null) {
            int take = (int) Math.min(input.length() - position, head.contentLength() - body.length());
            body.append(input.bytes(), position, take);
            position += take;
            if (body.length() < head.contentLength()) {
                return waitForBody(position);
            }
            content = body.take();
        }
        Whole whole = new Whole(head, content);
        consume(position);
        return whole;
    }

    /** Parses a head once it has all come and has the handler check it; a refusal, or null (admitted or to come). */
    private Taken takeHead() throws HttpError {
        skipEmptyLines();
        int end = RequestHead.end(input.bytes(), 0, headScanned - 1, input.length());
        if (end < 0) {
            if (input.length() > RequestHead.MAX_HEAD_BYTES) {
                throw new HttpError(431, "Request head too large (limit " + RequestHead.MAX_HEAD_BYTES + " bytes)");
            }
            headScanned = input.length();
            return null;
        }
        headScanned = 0;
        if (end > RequestHead.MAX_HEAD_BYTES) {
            throw new HttpError(431, "Request head too large (limit " + RequestHead.MAX_HEAD_BYTES + " bytes)");
        }
        RequestHead parsed = RequestHead.parse(input.bytes(), 0, end);
        Optional<Http1Server.Refusal> refusal = server.admit(parsed);
        if (refusal.isPresent()) {
            consume(end);
            return new Refused(parsed, refusal.get());
        }
        long maxBody = server.limits().maxBodyBytes();
        if (parsed.contentLength() > maxBody) {
            throw new HttpError(413, "Request body too large (limit " + maxBody + " bytes)");
        }
        head = parsed;
        bodyStart = end;
        if (parsed.chunked()) {
            chunks = new ChunkedBody(server.budget(), maxBody);
        } else if (parsed.contentLength() > 0) {
            body = new BodyBuffer(server.budget(), parsed.contentLength());
        }
        if (parsed.expectsContinue() && (parsed.chunked() || input.length() < end + parsed.contentLength())) {
            sendContinue.run();
        }
        return null;
    }

    /** Drops what the body took from the input, so that a large body is held once, in its own buffer. */
    private Taken waitForBody(int position) {
        input.drop(position);
        bodyStart = 0;
        return null;
    }

    /** RFC 9112 2.2: a server should ignore empty lines (CRLF) before a request line (some clients end bodies so). */
    private void skipEmptyLines() {
        byte[] bytes = input.bytes();
        int skip = 0;
        while (skip + 1 < input.length() && bytes[skip] == '\r' && bytes[skip + 1] == '\n') {
            skip += 2;
        }
        if (skip > 0) {
            input.drop(skip);
            headScanned = 0;
        }
    }

    /** Removes a request taken from the input. */
    private void consume(int count) {
        input.drop(count);
        head = null;
        body = null;
        chunks = null;
        input.shrink();
    }

    /** The connection closed: its memory goes back to the budget. */
    void release() {
        input.release();
        if (body != null) {
            body.release();
            body = null;
        }
        if (chunks != null) {
            chunks.release();
            chunks = null;
        }
        head = null;
    }
}
