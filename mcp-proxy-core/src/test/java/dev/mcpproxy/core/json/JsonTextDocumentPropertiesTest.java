package dev.mcpproxy.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.JsonTextDocument.Dialect;
import dev.mcpproxy.core.json.JsonTextDocument.JsonTextException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents written every way people write them (indented by spaces or tabs, LF or CRLF, objects on one line or
 * many, comments and trailing commas in JSONC, unicode and escapes) have one member set: the result reads back as
 * the document with that member set, setting it again changes nothing, its lines end as the file's did, and an
 * insertion leaves every character of the file in place, in order.
 */
class JsonTextDocumentPropertiesTest {

    private static final List<String> KEYS = List.of("mcpServers", "servers", "a", "b", "日本 😀", "x y", "q\"uote",
            "mcp-proxy");

    @Provide
    Arbitrary<List<String>> paths() {
        return Arbitraries.of(List.of("mcpServers", "mcp-proxy"), List.of("servers", "mcp-proxy"),
                List.of("a", "b", "mcp-proxy"), List.of("mcp-proxy"));
    }

    @Property(tries = 400)
    void oneMemberIsSetAndTheRestOfTheFileKept(@ForAll long seed, @ForAll boolean jsonc,
                                               @ForAll("paths") List<String> path) throws Exception {
        String before = new Writer(new Random(seed), jsonc).document();
        Dialect dialect = jsonc ? Dialect.JSONC : Dialect.JSON;
        JsonTextDocument document = JsonTextDocument.parse(before, dialect);
        JsonNode member = Json.parse("{\"url\": \"http://127.0.0.1:3000/mcp\", \"args\": [\"é\", \"\\\"\"]}");
        ObjectNode expected = (ObjectNode) document.value().deepCopy();
        ObjectNode parent = expected;
        for (String key : path.subList(0, path.size() - 1)) {
            JsonNode next = parent.get(key);
            if (next != null && !next.isObject()) {
                String message = null;
                try {
                    document.withMember(path, member);
                } catch (JsonTextException e) {
                    message = e.getMessage();
                }
                assertThat(message).as(before).contains("not an object");
                return;
            }
            parent = next == null ? parent.putObject(key) : (ObjectNode) next;
        }
        boolean inserted = !parent.has(path.getLast());
        parent.set(path.getLast(), member);
        String after = document.withMember(path, member);
        assertThat(JsonTextDocument.parse(after, dialect).value()).as(before + "\n->\n" + after).isEqualTo(expected);
        assertThat(JsonTextDocument.parse(after, dialect).withMember(path, member)).isEqualTo(after);
        if (before.contains("\r\n")) {
            assertThat(after.replace("\r\n", "")).doesNotContain("\n");
        } else {
            assertThat(after).doesNotContain("\r");
        }
        if (inserted) {
            assertThat(isSubsequence(before, after)).as(before + "\n->\n" + after).isTrue();
        }
    }

    private static boolean isSubsequence(String part, String whole) {
        int at = 0;
        for (int i = 0; i < whole.length() && at < part.length(); i++) {
            if (whole.charAt(i) == part.charAt(at)) {
                at++;
            }
        }
        return at == part.length();
    }

    /** Writes a random document in one random style. */
    private static final class Writer {
        private final Random random;
        private final boolean jsonc;
        private final String unit;
        private final String newline;

        Writer(Random random, boolean jsonc) {
            this.random = random;
            this.jsonc = jsonc;
            this.unit = pick("  ", "    ", "\t", " ");
            this.newline = pick("\n", "\r\n");
        }

        String document() {
            String comment = jsonc && random.nextInt(3) == 0 ? "// settings" + newline : "";
            return comment + object(0, "") + (random.nextBoolean() ? newline : "");
        }

        private String object(int depth, String indent) {
            List<String> keys = new ArrayList<>(KEYS);
            java.util.Collections.shuffle(keys, random);
            List<String> members = new ArrayList<>();
            boolean inline = depth > 0 && random.nextInt(3) == 0;
            String inner = indent + unit;
            int count = random.nextInt(depth == 0 ? 5 : 4);
            for (String key : keys.subList(0, count)) {
                members.add(Json.write(Json.text(key)) + pick(": ", ":", " : ")
                        + value(depth + 1, inline ? indent : inner));
            }
            if (members.isEmpty()) {
                return jsonc && random.nextBoolean() ? "{ /* none */ }" : pick("{}", "{ }", "{" + newline + indent + "}");
            }
            if (inline) {
                return "{" + String.join(pick(", ", ","), members) + "}";
            }
            StringJoiner body = new StringJoiner(newline, "{" + newline, newline + indent + "}");
            for (int i = 0; i < members.size(); i++) {
                boolean last = i == members.size() - 1;
                String before = jsonc && random.nextInt(4) == 0 ? "/* about it */ " : "";
                String comma = !last || jsonc && random.nextBoolean() ? "," : "";
                String after = jsonc && random.nextInt(3) == 0 ? pick(" // note", " /* note */") : "";
                body.add(inner + before + members.get(i) + comma + after);
            }
            return body.toString();
        }

        private String value(int depth, String indent) {
            return switch (random.nextInt(depth < 3 ? 7 : 5)) {
                case 0 -> Json.write(Json.text(pick("npx", "café", "\"q\" \\ }", "日本 😀", "")));
                case 1 -> String.valueOf(random.nextInt(2000) - 1000) + pick("", ".5", "e3");
                case 2 -> pick("true", "false", "null");
                case 3 -> "[" + pick("", "1, 2", "\"-y\", \"pkg\"", "{\"k\": [1]}") + "]";
                case 4 -> Json.write(Json.text("/usr/bin/" + random.nextInt(10)));
                default -> object(depth, indent);
            };
        }

        @SafeVarargs
        private <T> T pick(T... choices) {
            return choices[random.nextInt(choices.length)];
        }
    }
}
