package dev.mcpproxy.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into lines without decoding it: protocol lines go to the JSON parser as the UTF-8 bytes
 * they arrived as, which saves a decode and a copy per message.
 */
final class LineSplitter {

    private final InputStream in;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    LineSplitter(InputStream in) {
        this.in = in;
    }

    /** Hands every line (without its \n or \r\n) to {@code sink} until the stream ends; then the last partial line. */
    void forEachLine(Consumer<byte[]> sink) throws IOException {
        while (true) {
            int scanned = start;
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    sink.accept(Arrays.copyOfRange(buffer, start, lineEnd));
                    start = i + 1;
                }
            }
            if (start == end) {
                start = 0;
                end = 0;
            } else if (end == buffer.length) {
                makeRoom();
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                if (end > start) {
                    sink.accept(Arrays.copyOfRange(buffer, start, end));
                }
                return;
            }
            end += read;
        }
    }

    /** Moves the partial line to the front, or grows the buffer when one line fills it. */
    private void makeRoom() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        } else {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
    }
}
