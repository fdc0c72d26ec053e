package dev.mcpproxy.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request rewritten in its text reads back as its tree rewritten, whatever the client wrote around the values
 * replaced (members in any order, escapes, unicode, nesting, the same names further down); and a text that two
 * readers could read differently, or that would not go on one line, is never rewritten.
 */
class RequestTextTest {

    private static Optional<String> rewrite(String json, long id, String name, boolean nameInRef, String token) {
        return RequestText.rewrite(json.getBytes(StandardCharsets.UTF_8), id, name, nameInRef, token)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void aRewrittenRequestReadsBackAsItsTreeRewritten(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        RequestWriter writer = new RequestWriter(random);
        String text = writer.request();
        ObjectNode tree = (ObjectNode) Json.parse(text);
        boolean nameInRef = tree.path("method").asString().equals("completion/complete");
        JsonNode named = nameInRef ? tree.path("params").path("ref") : tree.path("params");
        String name = named.has("name") && random.nextBoolean() ? "server__tool \"é\" " + random.nextInt(99) : null;
        String token = tree.path("params").path("_meta").has("progressToken") ? "p" + random.nextInt(1000) : null;
        long id = random.nextLong(Long.MAX_VALUE);

        Optional<String> rewritten = rewrite(text, id, name, nameInRef, token);

        if (name != null) {
            ((ObjectNode) named).put("name", name);
        }
        if (token != null) {
            ((ObjectNode) tree.path("params").path("_meta")).put("progressToken", token);
        }
        tree.put("id", id);
        assertThat(rewritten.isPresent()).as(text).isEqualTo(!writer.ambiguous);
        if (rewritten.isPresent()) {
            assertThat(Json.parse(rewritten.get())).as(text).isEqualTo(tree);
            assertThat(rewritten.get()).doesNotContain("\n", "\r");
        }
    }

    @Test
    void onlyTheReplacedValuesChangeAndEveryOtherByteIsTheClients() {
        String text = "  {\"jsonrpc\":\"2.0\", \"id\" :\t\"c-1\",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"everything__echo\",\"arguments\":{\"n\":1.50E+2,\"s\":\"caf\\u00e9 \\\"q\\\"\",\"name\":\"x\"},"
                + "\"_meta\":{\"progressToken\":7}}}";

        assertThat(rewrite(text, 42, "echo", false, "p1")).contains("  {\"jsonrpc\":\"2.0\", \"id\" :\t42,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"n\":1.50E+2,"
                + "\"s\":\"caf\\u00e9 \\\"q\\\"\",\"name\":\"x\"},\"_meta\":{\"progressToken\":\"p1\"}}}");
    }

    @Test
    void aCompletionHasItsPromptsNameReplacedInItsRef() {
        String text = "{\"id\":1,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\","
                + "\"name\":\"srv__greet\"},\"argument\":{\"name\":\"who\",\"value\":\"A\"}}}";

        assertThat(rewrite(text, 9, "greet", true, null)).contains("{\"id\":9,\"method\":\"completion/complete\","
                + "\"params\":{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},\"argument\":{\"name\":\"who\","
                + "\"value\":\"A\"}}}");
    }

    @Test
    void textThatLooksLikeAMemberInsideAStringIsNotOne() {
        String text = "{\"params\":{\"arguments\":{\"q\":\"\\\",\\\"name\\\":\\\"evil\\\"}\"},\"name\":\"t\"},"
                + "\"id\":1}";

        assertThat(rewrite(text, 2, "u", false, null)).contains("{\"params\":{\"arguments\":{\"q\":"
                + "\"\\\",\\\"name\\\":\\\"evil\\\"}\"},\"name\":\"u\"},\"id\":2}");
    }

    /** Jackson keeps the last of two keys; a reader that keeps the first would run another tool than was allowed. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":1,\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"a\"}}",
        "{\"id\":1,\"method\":\"tools/call\",\"method\":\"tools/list\",\"params\":{\"name\":\"a\"}}",
        "{\"id\":1,\"params\":{\"name\":\"b\"},\"params\":{\"name\":\"a\"}}",
        "{\"id\":1,\"params\":{\"name\":\"hidden\",\"name\":\"a\"}}",
        "{\"id\":1,\"params\":{\"name\":\"a\",\"uri\":\"file:///a\",\"uri\":\"file:///b\"}}",
        "{\"id\":1,\"params\":{\"name\":\"a\",\"ref\":{\"name\":\"x\",\"name\":\"y\"}}}",
        "{\"id\":1,\"params\":{\"name\":\"a\",\"_meta\":{\"progressToken\":1,\"progressToken\":2}}}",
    })
    void aKeyGivenTwiceWhereTheProxyReadsLeavesTheTextToTheTree(String text) {
        assertThat(rewrite(text, 5, "a", false, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":1,\"params\":{\"n\\u0061me\":\"hidden\",\"name\":\"a\"}}",
        "{\"i\\u0064\":1,\"params\":{\"name\":\"a\"}}",
        "{\"id\":1,\"para\\u006ds\":{\"name\":\"hidden\"},\"params\":{\"name\":\"a\"}}",
    })
    void anEscapedKeyWhereTheProxyReadsLeavesTheTextToTheTree(String text) {
        assertThat(rewrite(text, 5, "a", false, null)).isEmpty();
    }

    @Test
    void keysGivenTwiceOrEscapedDeeperDownAreTheUpstreamsToRead() {
        String text = "{\"id\":1,\"params\":{\"name\":\"a\",\"arguments\":{\"k\":1,\"k\":2,\"\\u006b\":3}}}";

        assertThat(rewrite(text, 5, null, false, null))
                .contains("{\"id\":5,\"params\":{\"name\":\"a\",\"arguments\":{\"k\":1,\"k\":2,\"\\u006b\":3}}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":1,\n\"params\":{\"name\":\"a\"}}",
        "{\"id\":1,\"params\":{\"name\":\"a\",\"arguments\":[1,\r\n2]}}",
        "{\"id\":1,\"params\":{\"name\":\"a\"}}\n",
    })
    void aLineBreakOutsideStringsLeavesTheTextToTheTree(String text) {
        assertThat(rewrite(text, 5, null, false, null)).isEmpty();
    }

    @Test
    void anEscapedLineBreakInAStringStaysOnTheLine() {
        assertThat(rewrite("{\"id\":1,\"params\":{\"text\":\"a\\nb\"}}", 5, null, false, null))
                .contains("{\"id\":5,\"params\":{\"text\":\"a\\nb\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\uFEFF{\"id\":1}",
        "{\"id\":1} {}",
        "[{\"id\":1}]",
        "{\"id\":1",
        "{\"id\":1,\"params\":{\"name\":\"a}}",
        "{\"id\":1,\"params\":{\"arguments\":[1,2}}",
        "{\"id\":,,\"params\":{}}",
        "{\"id\": }",
        "",
    })
    void anythingButOneWholeObjectIsLeftToTheTree(String text) {
        assertThat(rewrite(text, 5, null, false, null)).isEmpty();
    }

    /** Jackson reads an overlong form in a value as the character it encodes; the upstream might not. */
    @Test
    void malformedUtf8LeavesTheTextToTheTree() throws Exception {
        byte[] overlong = {'{', '"', 'i', 'd', '"', ':', '1', ',', '"', 'p', 'a', 'r', 'a', 'm', 's', '"', ':', '{',
            '"', 'n', 'a', 'm', 'e', '"', ':', '"', 'x', (byte) 0xC1, (byte) 0xA1, '"', '}', '}'};
        assertThat(Json.parse(overlong).path("params").path("name").asString()).isEqualTo("xa");

        assertThat(RequestText.rewrite(overlong, 5, null, false, null)).isEmpty();
        assertThat(RequestText.isWellFormedUtf8(new byte[] {'a', (byte) 0xE6, (byte) 0x97})).isFalse();
    }

    /**
     * Cases from Markus Kuhn's UTF-8 decoder capability and stress test: boundaries, overlong forms, surrogates,
     * sequences cut short, bytes that never appear.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "C2 80", "DF BF", "E0 A0 80", "EF BF BF", "ED 9F BF", "EE 80 80", "F0 90 80 80", "F4 8F BF BF",
        "C3 A9 E6 97 A5 F0 9F 98 80",
    })
    void wellFormedSequencesPass(String hex) {
        assertThat(RequestText.isWellFormedUtf8(bytes(hex))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "C0 AF", "C1 BF", "E0 80 AF", "E0 9F BF", "F0 80 80 AF", "F0 8F BF BF", "ED A0 80", "ED BF BF",
        "F4 90 80 80", "F5 80 80 80", "FE", "FF", "80", "BF", "C3", "E6 97", "F0 9F 98", "C3 28", "E6 28 A5",
        "F0 9F 28 80",
    })
    void malformedSequencesAreRefused(String hex) {
        assertThat(RequestText.isWellFormedUtf8(bytes(hex))).isFalse();
    }

    private static byte[] bytes(String hex) {
        String[] parts = hex.split(" ");
        byte[] out = new byte[parts.length + 2];
        out[0] = 'a';
        for (int i = 0; i < parts.length; i++) {
            out[i + 1] = (byte) Integer.parseInt(parts[i], 16);
        }
        out[out.length - 1] = 'z';
        return out;
    }

    @Test
    void aValueToReplaceThatIsNotThereLeavesTheTextToTheTree() {
        assertThat(rewrite("{\"id\":1,\"params\":{\"name\":\"a\"}}", 5, null, false, "p1")).isEmpty();
        assertThat(rewrite("{\"id\":1,\"params\":{\"name\":\"a\"}}", 5, "b", true, null)).isEmpty();
        assertThat(rewrite("{\"params\":{\"name\":\"a\"}}", 5, null, false, null)).isEmpty();
    }

    @Test
    void nestingAsDeepAsAClientLikesCostsNoStack() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        String text = "{\"id\":1,\"params\":{\"name\":\"a\",\"arguments\":{\"x\":" + deep + "}}}";

        assertThat(rewrite(text, 5, null, false, null)).contains(text.replace("\"id\":1", "\"id\":5"));
    }

    /**
     * Writes JSON-RPC requests as clients might: members in any order, spaces and tabs anywhere between tokens,
     * strings with escapes and unicode, values nested with the same names the proxy looks for further down; now and
     * then something that makes the text ambiguous (a key repeated or escaped where the proxy reads, a line break).
     */
    private static final class RequestWriter {

        private static final List<String> DEEP_KEYS = List.of("name", "id", "_meta", "progressToken", "ref", "params",
                "a", "日本 😀", "q\"uote", "tab\there");

        private final Random random;
        boolean ambiguous;

        RequestWriter(Random random) {
            this.random = random;
        }

        String request() {
            List<String> members = new ArrayList<>();
            members.add(member("jsonrpc", "\"2.0\"", true));
            members.add(member("id", random.nextBoolean() ? Integer.toString(random.nextInt(1000) - 500)
                    : string("c-" + random.nextInt(100)), true));
            boolean completion = random.nextInt(4) == 0;
            members.add(member("method", completion ? "\"completion/complete\"" : "\"tools/call\"", true));
            members.add(member("params", params(completion), true));
            if (random.nextInt(8) == 0) {
                members.add(member(random.nextBoolean() ? "id" : "method", "\"again\"", true));
                ambiguous = true;
            }
            Collections.shuffle(members, random);
            String text = space() + object(members) + space();
            // Only between tokens: no string written here holds a raw CR.
            ambiguous |= text.indexOf('\r') >= 0;
            return text;
        }

        private String params(boolean completion) {
            List<String> members = new ArrayList<>();
            if (completion) {
                members.add(member("ref", object(List.of(member("type", "\"ref/prompt\"", true),
                        member("name", string("srv__p"), true))), true));
                members.add(member("argument", value(2), true));
            } else {
                members.add(member("name", string("srv__t" + random.nextInt(9)), true));
                members.add(member("arguments", value(3), true));
            }
            if (random.nextBoolean()) {
                List<String> meta = new ArrayList<>(List.of(member("progressToken",
                        random.nextBoolean() ? Integer.toString(random.nextInt(99)) : string("t"), true)));
                if (random.nextBoolean()) {
                    meta.add(member("other", value(1), true));
                }
                Collections.shuffle(meta, random);
                members.add(member("_meta", object(meta), true));
            }
            if (!completion && random.nextInt(10) == 0) {
                members.add(member("name", string("again"), true));
                ambiguous = true;
            }
            Collections.shuffle(members, random);
            return object(members);
        }

        /** A member; at a level the proxy reads, an escaped key makes the text ambiguous. */
        private String member(String key, String value, boolean checked) {
            String written = string(key);
            if (random.nextInt(30) == 0) {
                written = "\"\\u" + String.format("%04x", (int) key.charAt(0)) + string(key).substring(2);
                ambiguous |= checked;
            }
            return written + space() + ":" + space() + value;
        }

        private String object(List<String> members) {
            return "{" + space() + String.join(space() + "," + space(), members) + space() + "}";
        }

        private String value(int depth) {
            int kind = random.nextInt(depth > 0 ? 9 : 7);
            return switch (kind) {
                case 0 -> "true";
                case 1 -> "null";
                case 2 -> Integer.toString(random.nextInt());
                case 3 -> "-1.25e+3";
                case 4 -> string("a\"b\\c/\t" + random.nextInt(9));
                case 5 -> string("é 😀 \u2028");
                case 6 -> "\"\\u00e9\\n\\\"\"";
                case 7 -> {
                    List<String> items = new ArrayList<>();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        items.add(value(depth - 1));
                    }
                    yield "[" + space() + String.join(space() + "," + space(), items) + space() + "]";
                }
                default -> {
                    List<String> members = new ArrayList<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        members.add(member(DEEP_KEYS.get(random.nextInt(DEEP_KEYS.size())), value(depth - 1), false));
                    }
                    yield object(members);
                }
            };
        }

        private String string(String value) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"";
        }

        private String space() {
            return switch (random.nextInt(12)) {
                case 0 -> " ";
                case 1 -> "\t ";
                case 2 -> random.nextInt(20) == 0 ? "\r\n" : "";
                default -> "";
            };
        }
    }
}
