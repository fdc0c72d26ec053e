package dev.mcpproxy.core.process;

import dev.mcpproxy.core.json.MessageScanner;
import java.util.List;

/** Takes the lines of a child's protocol stream (stdout), bounded by {@link #maxLength()}. */
public interface LineHandler {

    /** The longest line taken, in bytes; longer ones are skipped as they stream by. */
    int maxLength();

    /** A line of at most {@link LineSplitter#PIECE} bytes, without its end; the array is the handler's. */
    void line(byte[] line);

    /**
     * A longer line within the limit, in the pieces it arrived in (in order, the handler's), with what
     * {@code seen} found in it. The pieces count against {@link LargeMessageBudget#SHARED} until this returns.
     */
    void longLine(List<byte[]> pieces, long length, MessageScanner seen);

    /** A line that was not kept: {@code head} is its start, {@code seen} what was found in all of it. */
    void skipped(byte[] head, long length, MessageScanner seen, Skip why);

    enum Skip {
        /** Longer than {@link #maxLength()}. */
        TOO_LONG,
        /** Within the limit, but {@link LargeMessageBudget#SHARED} had no room: other large messages are held. */
        NO_ROOM
    }
}
