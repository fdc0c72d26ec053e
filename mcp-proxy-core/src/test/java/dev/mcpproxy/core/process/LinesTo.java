package dev.mcpproxy.core.process;

import dev.mcpproxy.core.json.MessageScanner;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Consumer;

/** A child's stdout for tests: every line up to 1 MiB to {@code sink} as it came, long ones joined again. */
record LinesTo(Consumer<byte[]> sink) implements StdoutHandler {

    @Override
    public int maxLength() {
        return 1 << 20;
    }

    @Override
    public void line(byte[] line) {
        sink.accept(line);
    }

    @Override
    public void longLine(List<byte[]> pieces, long length, MessageScanner seen) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        pieces.forEach(joined::writeBytes);
        sink.accept(joined.toByteArray());
    }

    @Override
    public void skipped(byte[] head, long length, MessageScanner seen, Skip why) {
        throw new AssertionError("a test's line of " + length + " bytes was skipped: " + why);
    }

    @Override
    public void readerFailed(String reason) {
        throw new AssertionError(reason);
    }
}
