package dev.mcpproxy.server.http1;

/**
 * Decodes a chunked request body (RFC 9112 7.1) as its bytes arrive, strictly: every line ends in CRLF, chunk data
 * is followed by CRLF and nothing else, a size is hex digits with a bounded list of extensions, and trailers are
 * bounded in number and size (and dropped: nothing here uses them).
 */
final class ChunkedBody {

    /** A size line with its extensions; clients send a bare size, so anything near this is an attack. */
    private static final int MAX_SIZE_LINE = 1024;
    /** Extensions on one size line: no client of this server sends any; a few are tolerated. */
    private static final int MAX_EXTENSIONS = 16;
    /** Trailer fields of a body, and their bytes together: bounded like header fields, far smaller. */
    private static final int MAX_TRAILERS = 32;
    private static final int MAX_TRAILER_BYTES = 8 * 1024;

    private final BodyBuffer decoded;
    private final long maxBytes;
    /** Bytes of the current chunk still to come; 0 when its CRLF is next; -1 when a size line is. */
    private long remaining = -1;
    private boolean inTrailers;
    private int trailers;
    private int trailerBytes;
    private boolean done;

    ChunkedBody(InputBudget budget, long maxBytes) {
        this.decoded = new BodyBuffer(budget, maxBytes);
        this.maxBytes = maxBytes;
    }

    boolean done() {
        return done;
    }

    /** Decodes what it can of bytes[from, to); returns the index of the first byte it did not use. */
    int feed(byte[] bytes, int from, int to) throws HttpError {
        int position = from;
        while (!done) {
            if (remaining > 0) {
                int take = (int) Math.min(remaining, to - position);
                decoded.append(bytes, position, take);
                position += take;
                remaining -= take;
                if (remaining > 0) {
                    return position;
                }
            }
            if (remaining == 0) {
                if (to - position < 2) {
                    return position;
                }
                if (bytes[position] != '\r' || bytes[position + 1] != '\n') {
                    throw new HttpError(400, "Malformed chunked body: chunk data must be followed by CRLF");
                }
                position += 2;
                remaining = -1;
                continue;
            }
            int lineEnd = lineEnd(bytes, position, to);
            if (lineEnd < 0) {
                if (!inTrailers && to - position > MAX_SIZE_LINE) {
                    throw new HttpError(400, "Malformed chunked body: size line too long");
                }
                if (inTrailers && trailerBytes + to - position > MAX_TRAILER_BYTES) {
                    throw new HttpError(431, "Trailer fields too large (limit " + MAX_TRAILER_BYTES + " bytes)");
                }
                return position;
            }
            if (inTrailers) {
                trailer(bytes, position, lineEnd);
            } else {
                sizeLine(bytes, position, lineEnd);
            }
            position = lineEnd + 2;
        }
        return position;
    }

    /** The body decoded; its memory is the handler's from now on. */
    byte[] take() {
        return decoded.take();
    }

    void release() {
        decoded.release();
    }

    private void sizeLine(byte[] bytes, int from, int to) throws HttpError {
        if (to - from > MAX_SIZE_LINE) {
            throw new HttpError(400, "Malformed chunked body: size line too long");
        }
        long size = 0;
        boolean tooLarge = false;
        int i = from;
        for (int digit; i < to && (digit = Character.digit(bytes[i], 16)) >= 0; i++) {
            // Stops counting once past the limit, so that no number of digits can overflow.
            if (!tooLarge) {
                size = size * 16 + digit;
                tooLarge = decoded.length() + size > maxBytes;
            }
        }
        if (i == from) {
            throw new HttpError(400, "Malformed chunk size: hex digits expected");
        }
        extensions(bytes, i, to);
        if (tooLarge) {
            throw new HttpError(413, "Request body too large (limit " + maxBytes + " bytes)");
        }
        if (size == 0) {
            inTrailers = true;
        } else {
            remaining = size;
        }
    }

    /** What follows a size: nothing, or extensions, each after a ';' (RFC 9112 7.1.1), without control characters. */
    private static void extensions(byte[] bytes, int from, int to) throws HttpError {
        int i = from;
        while (i < to && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        if (i < to && bytes[i] != ';') {
            throw new HttpError(400, "Malformed chunk size: hex digits expected");
        }
        int count = 0;
        for (; i < to; i++) {
            int c = bytes[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new HttpError(400, "Malformed chunk extension: control character");
            }
            if (c == ';' && ++count > MAX_EXTENSIONS) {
                throw new HttpError(400, "Too many chunk extensions (limit " + MAX_EXTENSIONS + ")");
            }
        }
    }

    /** A trailer field: checked like a header field, counted, and dropped; the empty line ends the body. */
    private void trailer(byte[] bytes, int from, int to) throws HttpError {
        if (to == from) {
            done = true;
            return;
        }
        trailerBytes += to - from + 2;
        if (++trailers > MAX_TRAILERS || trailerBytes > MAX_TRAILER_BYTES) {
            throw new HttpError(431, "Too many or too large trailer fields (limits " + MAX_TRAILERS + " fields, "
                    + MAX_TRAILER_BYTES + " bytes)");
        }
        int colon = from;
        while (colon < to && bytes[colon] != ':') {
            colon++;
        }
        if (colon == from || colon == to || !RequestHead.isToken(bytes, from, colon)) {
            throw new HttpError(400, "Malformed trailer field");
        }
        for (int i = colon + 1; i < to; i++) {
            int c = bytes[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new HttpError(400, "Control character in a trailer field");
            }
        }
    }

    /** The index of the CR that ends the line starting at {@code from}; -1 when it has not all come. */
    private static int lineEnd(byte[] bytes, int from, int to) throws HttpError {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                throw new HttpError(400, "Malformed chunked body: lines must end in CRLF, not a bare LF");
            }
            if (bytes[i] == '\r') {
                if (i + 1 == to) {
                    return -1;
                }
                if (bytes[i + 1] != '\n') {
                    throw new HttpError(400, "Malformed chunked body: a bare CR");
                }
                return i;
            }
        }
        return -1;
    }
}
