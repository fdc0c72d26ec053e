package dev.mcpproxy.server.http1;

import java.io.ByteArrayOutputStream;

/** Decodes a chunked request body as its bytes arrive; the bytes are read where they lie in the connection's buffer. */
final class ChunkedBody {

    private final long maxBytes;
    private final ByteArrayOutputStream decoded = new ByteArrayOutputStream();
    /** Where in the buffer decoding goes on: the start of the next line, or of chunk data. */
    private int position;
    /** Bytes of the current chunk still to come; -1 between chunks, when a size line is expected. */
    private long remaining = -1;
    private boolean inTrailers;

    ChunkedBody(int start, long maxBytes) {
        this.position = start;
        this.maxBytes = maxBytes;
    }

    /** Decodes what bytes[.., length) adds; the index after the body when it is complete, else -1. */
    int feed(byte[] bytes, int length) throws HttpError {
        while (true) {
            if (remaining > 0) {
                int take = (int) Math.min(remaining, length - position);
                decoded.write(bytes, position, take);
                position += take;
                remaining -= take;
                if (remaining > 0) {
                    return -1;
                }
            }
            int lineEnd = lineEnd(bytes, position, length);
            if (lineEnd < 0) {
                if (length - position > 1024) {
                    throw new HttpError(400, "Malformed chunked body");
                }
                return -1;
            }
            String line = new String(bytes, position, lineEnd - position, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .stripTrailing();
            position = lineEnd + 1;
            if (inTrailers) {
                if (line.isEmpty()) {
                    return position;
                }
            } else if (remaining == 0) {
                if (!line.isEmpty()) {
                    throw new HttpError(400, "Malformed chunked body: chunk data longer than its size");
                }
                remaining = -1;
            } else {
                long size = chunkSize(line);
                if (decoded.size() + size > maxBytes) {
                    throw new HttpError(413, "Request body too large (limit " + maxBytes + " bytes)");
                }
                if (size == 0) {
                    inTrailers = true;
                } else {
                    remaining = size;
                }
            }
        }
    }

    byte[] bytes() {
        return decoded.toByteArray();
    }

    private static long chunkSize(String line) throws HttpError {
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new HttpError(400, "Malformed chunk size");
        }
        return Long.parseLong(hex, 16);
    }

    private static int lineEnd(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
