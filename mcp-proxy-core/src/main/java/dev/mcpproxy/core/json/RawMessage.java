package dev.mcpproxy.core.json;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC response carried as the bytes it arrived in, never parsed into a tree: a 20 MB base64 blob costs
 * several times its size as a tree, and again when written out; a small answer costs a tree and its writing, about
 * a third of a call's CPU, for nothing but its id. What routing needs was found by a
 * {@link MessageScanner} as the bytes went by: that they are JSON, the id's place, and whether it is an error.
 *
 * @param pieces the message's bytes, in order; never changed
 * @param seen   what the scanner found in them (its id's span is an offset in the whole message)
 */
public record RawMessage(List<byte[]> pieces, MessageScanner seen) {

    public RawMessage {
        pieces = List.copyOf(pieces);
    }

    public long length() {
        long length = 0;
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        return length;
    }

    /**
     * The message with its id replaced by {@code id} (its JSON text), as arrays to send one after the other. A
     * message held whole comes back whole, in one copy; of a large one, only the piece that holds the id is copied,
     * in two parts around it, and every other piece is shared.
     */
    public List<byte[]> withId(byte[] id) {
        long idStart = seen.idStart();
        long idEnd = seen.idEnd();
        if (pieces.size() == 1) {
            byte[] whole = pieces.getFirst();
            byte[] out = new byte[whole.length - (int) (idEnd - idStart) + id.length];
            System.arraycopy(whole, 0, out, 0, (int) idStart);
            System.arraycopy(id, 0, out, (int) idStart, id.length);
            System.arraycopy(whole, (int) idEnd, out, (int) idStart + id.length, whole.length - (int) idEnd);
            return List.of(out);
        }
        List<byte[]> out = new ArrayList<>(pieces.size() + 2);
        long offset = 0;
        for (byte[] piece : pieces) {
            long pieceEnd = offset + piece.length;
            if (pieceEnd <= idStart || offset >= idEnd) {
                out.add(piece);
            } else {
                if (idStart > offset) {
                    out.add(Arrays.copyOfRange(piece, 0, (int) (idStart - offset)));
                }
                if (idStart >= offset) {
                    out.add(id);
                }
                if (idEnd < pieceEnd) {
                    out.add(Arrays.copyOfRange(piece, (int) (idEnd - offset), piece.length));
                }
            }
            offset = pieceEnd;
        }
        return out;
    }

    /**
     * The value of a top-level member ({@code "result"}, {@code "error"}) as bytes, in pieces to send one after the
     * other: found token by token and cut out of the pieces it spans, never parsed into a tree, so that a large
     * result costs no more than its bytes. Empty when the message has no such member.
     */
    public Optional<List<byte[]>> member(String name) throws Json.MalformedJsonException {
        Optional<long[]> span = Json.memberSpan(stream(), name);
        if (span.isEmpty()) {
            return Optional.empty();
        }
        long start = span.get()[0];
        long end = span.get()[1];
        List<byte[]> out = new ArrayList<>();
        long offset = 0;
        for (byte[] piece : pieces) {
            long pieceEnd = offset + piece.length;
            if (pieceEnd > start && offset < end) {
                int from = (int) (Math.max(start, offset) - offset);
                int to = (int) (Math.min(end, pieceEnd) - offset);
                out.add(from == 0 && to == piece.length ? piece : Arrays.copyOfRange(piece, from, to));
            }
            offset = pieceEnd;
        }
        return Optional.of(out);
    }

    /** The message as a tree, for whoever needs to look inside (the proxy's own requests); costly when large. */
    public JsonNode parse() throws Json.MalformedJsonException {
        return pieces.size() == 1 ? Json.parse(pieces.getFirst()) : Json.parse(stream());
    }

    private InputStream stream() {
        return new SequenceInputStream(Collections.enumeration(pieces.stream()
                .map(piece -> (InputStream) new ByteArrayInputStream(piece)).toList()));
    }
}
