package dev.mcpproxy.core.upstream.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

    private static List<String> read(String stream, int max) throws IOException {
        List<String> seen = new ArrayList<>();
        SseEventReader.read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), max,
                event -> seen.add(event.type() + ":" + event.id() + ":" + event.data()),
                size -> seen.add("too large:" + size));
        return seen;
    }

    @Test
    void eventsHaveTheirTypeIdAndDataLinesJoinedWithCommentsSkippedAndCrLfEndingsToo() throws IOException {
        assertThat(read(": hi\nevent: endpoint\ndata: /messages\n\nid: 7\r\ndata: a\r\ndata:b\r\n\r\n", 1000))
                .containsExactly("endpoint:null:/messages", "message:7:a\nb");
    }

    @Test
    void anEventOverTheBoundIsReportedBySizeAndTheNextOneStillArrives() throws IOException {
        String big = "data: " + "x".repeat(500) + "\n";
        assertThat(read(big + big + "\r\n" + "data: next\n\n", 100))
                .containsExactly("too large:" + 2 * big.length(), "message:null:next");
    }

    @Test
    void anEventAtTheBoundIsKept() throws IOException {
        String line = "data: " + "y".repeat(13) + "\n";
        assertThat(read(line + "\n", line.length())).containsExactly("message:null:" + "y".repeat(13));
        assertThat(read(line + "\n", line.length() - 1)).containsExactly("too large:" + line.length());
    }
}
