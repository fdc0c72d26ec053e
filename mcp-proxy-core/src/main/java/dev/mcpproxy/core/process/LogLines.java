package dev.mcpproxy.core.process;

import dev.mcpproxy.core.json.MessageScanner;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Log lines to a plain sink; a line over {@link #MAX_LENGTH} goes as its start and a note of what was cut. */
record LogLines(Consumer<byte[]> sink) implements LineHandler {

    /**
     * A stderr line longer than what the log keeps of one ({@link LogRing#MAX_LINE_CHARS}, less room for the note)
     * is cut here, before it is decoded into a string.
     */
    static final int MAX_LENGTH = LogRing.MAX_LINE_CHARS - 64;

    @Override
    public int maxLength() {
        return MAX_LENGTH;
    }

    @Override
    public void line(byte[] line) {
        sink.accept(line);
    }

    @Override
    public void longLine(List<byte[]> pieces, long length, MessageScanner seen) {
        throw new IllegalStateException("a log line is never longer than its limit");
    }

    @Override
    public void skipped(byte[] head, long length, MessageScanner seen, Skip why) {
        byte[] note = (" … (" + (length - head.length) + " more bytes cut)").getBytes(StandardCharsets.UTF_8);
        byte[] line = Arrays.copyOf(head, head.length + note.length);
        System.arraycopy(note, 0, line, head.length, note.length);
        sink.accept(line);
    }
}
