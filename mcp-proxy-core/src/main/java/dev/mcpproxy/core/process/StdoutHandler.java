package dev.mcpproxy.core.process;

/**
 * A child's protocol stream's handler, given to {@link StdioProcess#start}: lines up to
 * its limit, long ones in pieces, skipped ones noted, and a word when its reader cannot go on.
 */
public interface StdoutHandler extends LineHandler {

    /** The reader stopped for good ({@code reason} says why); no more lines will come. */
    void readerFailed(String reason);
}
