package dev.mcpproxy.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private static List<String> split(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        new LineSplitter(in).forEachLine(line -> lines.add(new String(line, StandardCharsets.UTF_8)));
        return lines;
    }

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndKeepsAnUnterminatedLastLine() throws IOException {
        String text = "{\"a\":1}\r\n\nhé\nlast";
        assertThat(split(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
                .containsExactly("{\"a\":1}", "", "hé", "last");
    }

    @Test
    void aLineLongerThanTheBufferArrivesWhole() throws IOException {
        String longLine = "x".repeat(300_000);
        assertThat(split(new ByteArrayInputStream((longLine + "\nnext\n").getBytes(StandardCharsets.UTF_8))))
                .containsExactly(longLine, "next");
    }

    @Test
    void linesCutAcrossReadsAreJoined() throws IOException {
        byte[] bytes = "first line\nsecond line\n".getBytes(StandardCharsets.UTF_8);
        InputStream oneByteAtATime = new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (next >= bytes.length) {
                    return -1;
                }
                into[offset] = bytes[next++];
                return 1;
            }
        };
        assertThat(split(oneByteAtATime)).containsExactly("first line", "second line");
    }
}
