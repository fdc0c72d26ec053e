package dev.mcpproxy.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawMessageTest {

    /** The message cut into pieces of {@code size} bytes, scanned as a splitter would. */
    private static RawMessage raw(String json, int size) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        List<byte[]> pieces = new ArrayList<>();
        MessageScanner seen = new MessageScanner();
        for (int from = 0; from < bytes.length; from += size) {
            byte[] piece = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size));
            seen.feed(piece, 0, piece.length);
            pieces.add(piece);
        }
        return new RawMessage(pieces, seen);
    }

    private static String joined(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 30, 1000})
    void theClientsIdReplacesTheUpstreamsWhereverThePiecesAreCut(int size) {
        String json = "{\"result\":{\"text\":\"" + "a".repeat(40) + "\"},\"jsonrpc\":\"2.0\",\"id\":12345}";
        RawMessage message = raw(json, size);
        assertThat(joined(message.withId("\"client-7\"".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(json.replace("12345", "\"client-7\""));
        assertThat(joined(raw("{\"id\":5,\"result\":1}", size).withId("99".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("{\"id\":99,\"result\":1}");
    }

    @Test
    void piecesWithoutTheIdAreSharedNotCopied() {
        RawMessage message = raw("{\"result\":\"" + "b".repeat(100) + "\",\"id\":1}", 10);
        List<byte[]> out = message.withId("2".getBytes(StandardCharsets.UTF_8));
        assertThat(out.getFirst()).isSameAs(message.pieces().getFirst());
        assertThat(out.get(5)).isSameAs(message.pieces().get(5));
    }

    @Test
    void aMessageHeldWholeComesBackWholeWithTheIdReplacedWhereverItIs() {
        for (String json : List.of("{\"id\":7,\"result\":{}}", "{\"result\":{},\"id\":7}",
                "{\"jsonrpc\":\"2.0\", \"id\" : 7 ,\"result\":{\"a\":[1,2]}}")) {
            List<byte[]> out = raw(json, 1000).withId("\"abc\"".getBytes(StandardCharsets.UTF_8));
            assertThat(out).hasSize(1);
            assertThat(joined(out)).isEqualTo(json.replace("7", "\"abc\""));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 1000})
    void aTopLevelMembersValueIsCutOutAsItsBytesWhereverThePiecesAreCut(int size) throws Exception {
        String result = "{\"content\":[{\"type\":\"text\",\"text\":\"a } \\\" ] é {\"}],\"isError\":false}";
        String json = "{\"jsonrpc\":\"2.0\", \"id\" : 7 , \"result\" : " + result + " }";
        assertThat(joined(raw(json, size).member("result").orElseThrow())).isEqualTo(result);
        String error = "{\"code\":-32001,\"message\":\"too slow\",\"data\":[1,{\"x\":null}]}";
        assertThat(joined(raw("{\"error\":" + error + ",\"id\":1,\"jsonrpc\":\"2.0\"}", size).member("error")
                .orElseThrow())).isEqualTo(error);
        assertThat(joined(raw("{\"id\":1,\"result\":42}", size).member("result").orElseThrow())).isEqualTo("42");
        assertThat(joined(raw("{\"id\":1,\"result\":\"a\\\"b\"}", size).member("result").orElseThrow()))
                .isEqualTo("\"a\\\"b\"");
        assertThat(raw("{\"id\":1,\"error\":{}}", size).member("result")).isEmpty();
        assertThat(raw("[{\"result\":1}]", size).member("result")).isEmpty();
    }

    @Test
    void piecesInsideAMembersValueAreSharedNotCopied() throws Exception {
        RawMessage message = raw("{\"id\":1,\"result\":\"" + "c".repeat(100) + "\"}", 10);
        List<byte[]> value = message.member("result").orElseThrow();
        assertThat(value.get(3)).isSameAs(message.pieces().get(4));
        assertThat(joined(value)).isEqualTo("\"" + "c".repeat(100) + "\"");
    }
}
