package dev.mcpproxy.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether a text is JSON is held to JSONTestSuite in {@link MessageScannerSuiteTest}, and here to Jackson (strict:
 * one value per text) over generated messages with a byte changed. Cases ported from the tokenizer tests of Gson's
 * JsonReaderTest and Jackson's parser tests where they bear on finding a top-level member: escapes in strings and
 * keys, nesting, members of the same name further down.
 */
class MessageScannerTest {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /** What a changed byte becomes: the grammar's own characters, and some that are no part of it. */
    private static final String CHANGES = "{}[]:,\"\\ \t\n0129-+.eEtrufalsnx/\u0001";

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
    void whatFollowsTheObjectMakesTheMessageMalformedButLeavesItsId() {
        MessageScanner seen = scan("{\"result\":1,\"id\":2} {\"id\":3}");
        assertThat(seen.numericId()).hasValue(2);
        assertThat(seen.problem()).isEqualTo("unexpected '{' at byte 20, where JSON has nothing more: a message is"
                + " one JSON value");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 1000})
    void bytesThatAreNotOneJsonValueAreMalformedWholeOrInPieces(int size) {
        assertThat(scanInPieces("{\"id\":1,\"result\":{\"content\":[oops]}}", size).problem())
                .isEqualTo("unexpected 'o' at byte 29, where JSON has a value");
        assertThat(scanInPieces("{\"id\":1,\"result\":\"a\"} trailing", size).problem())
                .startsWith("unexpected 't' at byte 22");
        assertThat(scanInPieces("{\"id\":1,\"result\":\"a\u0001\"}", size).problem())
                .isEqualTo("a control character (byte 0x01) in a string at byte 19: JSON has it escaped");
        assertThat(scanInPieces("{\"id\":1,\"result\":{\"a\":[1,2]}", size).problem())
                .isEqualTo("the text ends after 28 bytes, before its JSON value does");
        assertThat(scanInPieces("{\"id\":1,\"result\":\"a \\\" b\"}", size).problem()).isNull();
    }

    @Test
    void bytesThatAreNotWellFormedUtf8AreMalformedEvenInsideAString() {
        byte[] overlongSlash = {'"', (byte) 0xC0, (byte) 0xAF, '"'};
        byte[] surrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        byte[] pastTheLastCodePoint = {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'};
        byte[] cutShort = {'"', (byte) 0xE6, (byte) 0x97, '"'};
        for (byte[] text : new byte[][] {overlongSlash, surrogate, pastTheLastCodePoint, cutShort}) {
            MessageScanner seen = new MessageScanner();
            seen.feed(text, 0, text.length);
            assertThat(seen.problem()).endsWith("where JSON has well-formed UTF-8");
        }
        assertThat(scan("\"é 日本 😀\"").problem()).isNull();
    }

    @Test
    void nestingIsBoundAtJacksonsDefaultDepth() {
        int max = MessageScanner.MAX_DEPTH;
        assertThat(scan("[".repeat(max) + "]".repeat(max)).problem()).isNull();
        assertThat(scan("{\"a\":".repeat(max - 1) + "[1]" + "}".repeat(max - 1)).problem()).isNull();
        assertThat(scan("[".repeat(max + 1) + "]".repeat(max + 1)).problem())
                .isEqualTo("nested deeper than 500 levels, at byte 500");
        assertThat(scan("[" + "{\"a\":[".repeat(40) + "]}".repeat(40) + ",{\"b\":1}]").problem()).isNull();
        assertThat(scan("[" + "{\"a\":[".repeat(40) + "]]".repeat(40) + "]").problem()).isNotNull();
    }

    @Test
    void numbersAfterTheIdDoNotChangeIt() {
        assertThat(scan("{\"id\":-12,\"result\":{\"a\":-1,\"b\":1.5,\"c\":2e3}}").numericId()).hasValue(-12);
        assertThat(scan("{\"id\":12,\"result\":{\"a\":-1}}").numericId()).hasValue(12);
    }

    @Test
    void anIdThatIsNoIntegerOrDoesNotFitALongIsNoNumericId() {
        assertThat(scan("{\"id\":1.5,\"result\":{}}").numericId()).isEmpty();
        assertThat(scan("{\"id\":1e3,\"result\":{}}").numericId()).isEmpty();
        assertThat(scan("{\"id\":null,\"result\":{}}").numericId()).isEmpty();
        assertThat(scan("{\"id\":9223372036854775807,\"result\":{}}").numericId()).hasValue(Long.MAX_VALUE);
        assertThat(scan("{\"id\":9223372036854775808,\"result\":{}}").numericId()).isEmpty();
        assertThat(scan("{\"id\":-0,\"result\":{}}").numericId()).hasValue(0);
    }

    @Test
    void anObjectThatNamesItsIdTwiceHasNoNumericId() {
        assertThat(scan("{\"id\":1,\"result\":{},\"id\":2}").numericId()).isEmpty();
        assertThat(scan("{\"id\":1,\"result\":{},\"i\\u0064\":1}").numericId()).isEmpty();
    }

    @Property(tries = 3000)
    void aGeneratedMessageIsJsonExactlyWhenJacksonReadsItAndItsIdIsTheTreesId(@ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        message(random, text);
        if (random.nextBoolean()) {
            int at = random.nextInt(text.length() + 1);
            char change = CHANGES.charAt(random.nextInt(CHANGES.length()));
            switch (random.nextInt(3)) {
                case 0 -> text.insert(at, change);
                case 1 -> text.deleteCharAt(Math.min(at, text.length() - 1));
                default -> text.setCharAt(Math.min(at, text.length() - 1), change);
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        MessageScanner seen = scanInPieces(text.toString(), 1 + random.nextInt(bytes.length));
        JsonNode tree;
        try {
            tree = STRICT.readTree(bytes);
        } catch (JacksonException e) {
            assertThat(seen.problem()).as(text.toString()).isNotNull();
            return;
        }
        assertThat(seen.problem()).as(text.toString()).isNull();
        JsonNode id = tree.path("id");
        assertThat(seen.numericId()).as(text.toString()).isEqualTo(id.isIntegralNumber() && id.canConvertToLong()
                ? OptionalLong.of(id.asLong()) : OptionalLong.empty());
        JsonNode isError = tree.path("result").path("isError");
        assertThat(seen.isToolError()).as(text.toString()).isEqualTo(isError.isBoolean() && isError.asBoolean());
    }

    /** A response with its members in any order, spaces between tokens, and values of every kind inside. */
    private static void message(Random random, StringBuilder out) {
        List<String> members = new ArrayList<>(List.of("\"jsonrpc\":\"2.0\"",
                "\"id\":" + (random.nextBoolean() ? random.nextInt(1000) - 10 : "\"s" + random.nextInt(9) + "\""),
                "\"result\":" + value(random, 0, true)));
        Collections.shuffle(members, random);
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            out.append(i > 0 ? "," : "").append(space(random)).append(members.get(i)).append(space(random));
        }
        out.append('}');
    }

    private static String value(Random random, int depth, boolean result) {
        int kind = depth > 3 ? 3 + random.nextInt(5) : random.nextInt(8);
        return switch (kind) {
            case 0, 1 -> {
                StringBuilder object = new StringBuilder("{");
                int members = random.nextInt(4);
                for (int i = 0; i < members; i++) {
                    String key = new String[] {"id", "isError", "result", "a", "\\u0069d", "é"}[random.nextInt(6)];
                    String value = key.equals("isError") && random.nextBoolean()
                            ? String.valueOf(random.nextBoolean()) : value(random, depth + 1, false);
                    object.append(i > 0 ? "," : "").append(space(random)).append('"').append(key).append("\":")
                            .append(space(random)).append(value);
                }
                yield object.append(space(random)).append('}').toString();
            }
            case 2 -> {
                StringBuilder array = new StringBuilder("[");
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    array.append(i > 0 ? "," : "").append(space(random)).append(value(random, depth + 1, false));
                }
                yield array.append(']').toString();
            }
            case 3 -> new String[] {"\"\"", "\"text\"", "\"a \\\" \\\\ \\/ \\n \\u00e9 日本 😀\"", "\"}{][,:\""}
                    [random.nextInt(4)];
            case 4 -> new String[] {"0", "-1", "12.5", "1e10", "-0.0E-3", "123456789012345678901234567890"}
                    [random.nextInt(6)];
            case 5 -> "true";
            case 6 -> "false";
            default -> "null";
        };
    }

    private static String space(Random random) {
        return new String[] {"", "", " ", "\t", "\r\n "}[random.nextInt(5)];
    }
}
