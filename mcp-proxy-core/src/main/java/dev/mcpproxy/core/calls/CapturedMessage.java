package dev.mcpproxy.core.calls;

import java.util.Arrays;
import java.util.List;

/**
 * A call's request or answer as the call log keeps it for the UI: whole up to {@link #KEPT} bytes, else its start.
 * While the call is in flight a message held whole is referenced (the bytes already written out, never changed), not
 * copied; only the start of a larger one is. The call log copies what is kept into its {@link MessageRing}.
 *
 * @param kept   the message's JSON text, or its first bytes (cut where a character starts)
 * @param length the whole message's length in bytes
 */
public record CapturedMessage(byte[] kept, long length) {

    /** What is kept of one message: a tool call's arguments or a page of text whole, a large blob's start. */
    public static final int KEPT = 64 * 1024;

    public boolean truncated() {
        return kept.length < length;
    }

    /** A message held in one array, which must not change afterwards. */
    public static CapturedMessage of(byte[] message) {
        if (message.length <= KEPT) {
            return new CapturedMessage(message, message.length);
        }
        return new CapturedMessage(Arrays.copyOf(message, cut(message)), message.length);
    }

    /** A message in pieces to be sent one after the other, which must not change afterwards. */
    public static CapturedMessage of(List<byte[]> pieces) {
        if (pieces.size() == 1) {
            return of(pieces.getFirst());
        }
        long length = 0;
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        byte[] start = new byte[(int) Math.min(length, KEPT + 1L)];
        int filled = 0;
        for (byte[] piece : pieces) {
            int taken = Math.min(piece.length, start.length - filled);
            System.arraycopy(piece, 0, start, filled, taken);
            filled += taken;
        }
        return new CapturedMessage(length <= KEPT ? start : Arrays.copyOf(start, cut(start)), length);
    }

    /**
     * Where to cut a message longer than {@link #KEPT}: there, or before the character that byte is in the middle
     * of (a UTF-8 character has at most three bytes after its first), so that the start decodes cleanly.
     */
    private static int cut(byte[] message) {
        int end = KEPT;
        while (end > KEPT - 3 && (message[end] & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }
}
