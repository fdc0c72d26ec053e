package dev.mcpproxy.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cases ported from the tokenizer tests of Gson's JsonReaderTest and Jackson's parser tests where they bear on
 * finding a top-level member: escapes in strings and keys, nesting, members of the same name further down.
 */
class MessageScannerTest {

    private static MessageScanner scan(String json) {
        return scanInPieces(json, json.length());
    }

    /** Feeds the message in pieces of {@code size} bytes, as a stream delivers it. */
    private static MessageScanner scanInPieces(String json, int size) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        MessageScanner scanner = new MessageScanner();
        for (int from = 0; from < bytes.length; from += size) {
            scanner.feed(bytes, from, Math.min(bytes.length, from + size));
        }
        return scanner;
    }

    private static String idText(String json) {
        MessageScanner seen = scan(json);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new String(bytes, (int) seen.idStart(), (int) (seen.idEnd() - seen.idStart()), StandardCharsets.UTF_8);
    }

    @Test
    void theIdWrittenLastAfterTheResultIsFoundWithItsPlace() {
        String json = "{\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]},\"jsonrpc\":\"2.0\",\"id\":5}";
        MessageScanner seen = scan(json);
        assertThat(seen.numericId()).hasValue(5);
        assertThat(seen.isResponse()).isTrue();
        assertThat(seen.isError()).isFalse();
        assertThat(idText(json)).isEqualTo("5");
    }

    @Test
    void theIdWrittenFirstIsFoundToo() {
        assertThat(scan("{\"id\":-12,\"jsonrpc\":\"2.0\",\"result\":{}}").numericId()).hasValue(-12);
        assertThat(idText("{ \"id\" : 42 , \"result\" : null }")).isEqualTo("42");
    }

    @Test
    void anIdInsideNestedObjectsAndArraysIsNotTaken() {
        String json = "{\"result\":{\"id\":1,\"items\":[{\"id\":2},[{\"id\":3}]],\"meta\":{\"x\":{\"id\":4}}},"
                + "\"id\":9}";
        assertThat(scan(json).numericId()).hasValue(9);
        assertThat(scan("{\"result\":{\"id\":1},\"jsonrpc\":\"2.0\"}").idStart()).isEqualTo(-1);
    }

    @Test
    void quotesBackslashesAndBracesInsideStringsDoNotEndThemOrNest() {
        String json = "{\"result\":{\"text\":\"a \\\"quoted\\\" }{ ][ \\\\\",\"more\":\"\\\\\\\"id\\\":3\"},\"id\":6}";
        assertThat(scan(json).numericId()).hasValue(6);
        assertThat(scan("{\"result\":\"ends with a backslash \\\\\",\"id\":8}").numericId()).hasValue(8);
    }

    @Test
    void aKeyWrittenWithUnicodeEscapesIsTheKeyItSpells() {
        assertThat(scan("{\"result\":{},\"\\u0069\\u0064\":11}").numericId()).hasValue(11);
        assertThat(scan("{\"result\":{},\"i\\u0064\":12}").numericId()).hasValue(12);
    }

    @Test
    void unicodeEscapesAndMultiByteCharactersInValuesAreSkippedOver() {
        assertThat(scan("{\"result\":\"\\u0022\\u005c é 日本 \\ud83d\\ude00\",\"id\":13}").numericId()).hasValue(13);
    }

    @Test
    void aStringIdIsFoundButIsNoNumericId() {
        String json = "{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":\"5\"}";
        assertThat(scan(json).numericId()).isEmpty();
        assertThat(idText(json)).isEqualTo("\"5\"");
    }

    @Test
    void anIdThatIsAnObjectOrAnArrayIsNoNumericIdWhatEverItHolds() {
        assertThat(scan("{\"id\":{\"n\":1},\"result\":{}}").numericId()).isEmpty();
        assertThat(scan("{\"id\":[2],\"result\":{}}").numericId()).isEmpty();
        assertThat(idText("{\"id\":[2, {\"a\":3}],\"result\":{}}")).isEqualTo("[2, {\"a\":3}]");
    }

    @Test
    void anErrorAnswerIsAResponseAndAnError() {
        MessageScanner seen = scan("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-1,\"message\":\"no\"},\"id\":3}");
        assertThat(seen.isResponse()).isTrue();
        assertThat(seen.isError()).isTrue();
    }

    @Test
    void aToolErrorIsTheResultsOwnIsErrorTrueOnly() {
        assertThat(scan("{\"result\":{\"content\":[],\"isError\":true},\"id\":1}").isToolError()).isTrue();
        assertThat(scan("{\"result\":{\"isError\":false},\"id\":1}").isToolError()).isFalse();
        assertThat(scan("{\"result\":{\"content\":[{\"isError\":true}]},\"id\":1}").isToolError()).isFalse();
        assertThat(scan("{\"params\":{\"isError\":true},\"id\":1,\"result\":{}}").isToolError()).isFalse();
    }

    @Test
    void aRequestIsNoResponse() {
        assertThat(scan("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sampling/createMessage\",\"params\":{}}")
                .isResponse()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"id\":1,\"result\":{}}]", "\"id\"", "17", "not json {\"id\":1,\"result\":{}}"})
    void somethingThatIsNotOneObjectIsNoResponse(String text) {
        assertThat(scan(text).isResponse()).isFalse();
        assertThat(scan(text).numericId()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64})
    void piecesCutAnywhereGiveTheSameAnswer(int size) {
        String json = "{\"result\":{\"t\":\"\\\"\\\\\\u0041\",\"isError\":true},\"\\u0069d\":123456789}";
        MessageScanner seen = scanInPieces(json, size);
        assertThat(seen.numericId()).isEqualTo(OptionalLong.of(123456789));
        assertThat(seen.isToolError()).isTrue();
    }

    @Test
    void whatFollowsTheObjectIsIgnored() {
        assertThat(scan("{\"result\":1,\"id\":2} {\"id\":3}").numericId()).hasValue(2);
    }
}
