package dev.mcpproxy.core.process;

import java.util.function.Consumer;

/**
 * A child's protocol stream's handler, passed to {@link StdioProcess#start} where a line consumer goes: lines up to
 * its limit, long ones in pieces, skipped ones noted, and a word when its reader cannot go on.
 */
public interface StdoutHandler extends LineHandler, Consumer<byte[]> {

    @Override
    default void accept(byte[] line) {
        line(line);
    }

    /** The reader stopped for good ({@code reason} says why); no more lines will come. */
    void readerFailed(String reason);
}
