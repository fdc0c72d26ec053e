package dev.mcpproxy.core.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON or JSONC file's text in which one member can be set while every other byte stays as it was: other members,
 * key order, indentation (spaces or tabs), line endings, comments, trailing commas. Only the member's value is
 * replaced, or the member inserted after the last one of its object, laid out like its neighbours.
 *
 * <p>Written here because no well-kept Java library edits JSON in place: Jackson, Gson and JSON-P read into a tree
 * and write it anew, which loses comments and layout; the libraries that keep them (Microsoft's jsonc-parser, which
 * VS Code itself uses) are JavaScript. Jackson still does all the parsing, and says where a malformed text is
 * wrong; this class only notes where each object's members are and splices text.
 */
public final class JsonTextDocument {

    /** JSON as Claude Desktop and Cursor read it, or JSONC as VS Code does: {@code //}, {@code /* *\/}, trailing commas. */
    public enum Dialect {
        JSON, JSONC
    }

    /** The text is not valid in its dialect, or has no object where an edit needs one; where, and why. */
    public static final class JsonTextException extends Exception {
        private final int line;
        private final int column;

        JsonTextException(int line, int column, String reason) {
            super("line " + line + ", column " + column + ": " + reason, null, false, false);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /** One member: where its key starts, and where its value starts and ends (exclusive). */
    private record Member(String name, int keyStart, int valueStart, int valueEnd) {
    }

    /** An object reached from the top through object members only: its braces' offsets and its members. */
    private record ObjectSpan(int open, int close, List<Member> members) {
        Member member(String name) {
            return members.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
        }
    }

    private static final String DEFAULT_INDENT = "  ";
    /** Where Jackson says an unclosed object began: a source it does not name, at an offset it does not know. */
    private static final Pattern JACKSON_SOURCE = Pattern.compile(" \\(start marker at \\[Source: .*?]\\)");
    /** What may follow a last member on its line: a comma (JSONC), comments, nothing else. */
    private static final Pattern LINE_REST = Pattern.compile("[ \t]*(,?)[ \t]*(?:(?://.*|/\\*.*?\\*/)[ \t]*)*");
    private static final ObjectMapper JSON = mapper(JsonMapper.builder());
    private static final ObjectMapper JSONC = mapper(JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA));

    private final String text;
    /** 1 when the text starts with a byte order mark, which the parser is not given and every offset skips. */
    private final int start;
    private final JsonNode value;
    /** By their path of keys from the top object; objects inside arrays are not needed by any edit. */
    private final Map<List<String>, ObjectSpan> objects = new HashMap<>();
    private final String newline;

    private JsonTextDocument(String text, JsonNode value, int start) {
        this.text = text;
        this.value = value;
        this.start = start;
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    }

    private static ObjectMapper mapper(JsonMapper.Builder builder) {
        // Duplicate keys are refused: which one a client reads is not knowable, so neither is what an edit changes.
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    /** Parses {@code text}; an empty one (or, in JSONC, only comments) holds no value yet. */
    public static JsonTextDocument parse(String text, Dialect dialect) throws JsonTextException {
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        String body = text.substring(start);
        ObjectMapper mapper = dialect == Dialect.JSONC ? JSONC : JSON;
        JsonNode value;
        try {
            value = mapper.readTree(body);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            throw new JsonTextException(line, column, JACKSON_SOURCE.matcher(e.getOriginalMessage()).replaceAll(""));
        }
        boolean empty = value == null || value.isMissingNode();
        JsonTextDocument document = new JsonTextDocument(text, empty ? null : value, start);
        if (!empty) {
            try (JsonParser parser = mapper.createParser(body)) {
                parser.nextToken();
                document.walk(parser, List.of());
            }
        }
        return document;
    }

    /** The document's value; null when the text holds none. */
    public JsonNode value() {
        return value;
    }

    /**
     * The text with the member at {@code path} (keys from the top object) set to {@code member}: its value replaced
     * if it exists, else inserted, with the objects on the way that are missing. A text with no value becomes an
     * object holding just that member, after any comments it had.
     */
    public String withMember(List<String> path, JsonNode member) throws JsonTextException {
        if (value == null) {
            String before = text.isBlank() ? text.substring(0, start) : text;
            String separator = before.isEmpty() || before.endsWith("\n") || before.endsWith("\uFEFF") ? "" : newline;
            return before + separator + render(nested(path, member), "", DEFAULT_INDENT) + newline;
        }
        if (!value.isObject()) {
            throw shapeError(start, "the top level is " + kind(value) + ", not an object");
        }
        String unit = indentUnit();
        ObjectSpan object = objects.get(List.of());
        for (int depth = 0; depth < path.size() - 1; depth++) {
            Member step = object.member(path.get(depth));
            if (step == null) {
                return insert(object, path.get(depth), nested(path.subList(depth + 1, path.size()), member), unit);
            }
            ObjectSpan next = objects.get(path.subList(0, depth + 1));
            if (next == null) {
                JsonNode found = value.at(pointer(path.subList(0, depth + 1)));
                throw shapeError(step.valueStart(), "\"" + step.name() + "\" is " + kind(found) + ", not an object");
            }
            object = next;
        }
        Member existing = object.member(path.getLast());
        if (existing == null) {
            return insert(object, path.getLast(), member, unit);
        }
        String replacement = sameLine(object.open(), object.close()) ? inline(member)
                : render(member, lineIndent(existing.keyStart()), unit);
        return splice(existing.valueStart(), existing.valueEnd(), replacement);
    }

    private String insert(ObjectSpan object, String key, JsonNode member, String unit) {
        if (!object.members().isEmpty()) {
            return insertAfter(object, object.members().getLast(), key, member, unit);
        }
        String outer = lineIndent(object.open());
        String entry = quoted(key) + ": " + render(member, outer + unit, unit);
        String inside = text.substring(object.open() + 1, object.close());
        if (inside.isBlank()) {
            return text.substring(0, object.open() + 1) + newline + outer + unit + entry + newline + outer
                    + text.substring(object.close());
        }
        // Only comments inside: the member goes first, the comments stay after it.
        return text.substring(0, object.open() + 1) + newline + outer + unit + entry
                + text.substring(object.open() + 1);
    }

    /**
     * A member after the last one. When that one ends its line (perhaps with a comma, as JSONC allows, and a
     * comment), the new member takes a line of its own below and the comment stays with the member it was about.
     */
    private String insertAfter(ObjectSpan object, Member last, String key, JsonNode member, String unit) {
        if (sameLine(object.open(), object.close())) {
            return splice(last.valueEnd(), last.valueEnd(), ", " + quoted(key) + ": " + inline(member));
        }
        String indent = lineIndent(last.keyStart());
        String entry = quoted(key) + ": " + render(member, indent, unit);
        int lineEnd = text.indexOf('\n', last.valueEnd());
        lineEnd = lineEnd < 0 ? text.length() : text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
        Matcher rest = LINE_REST.matcher(text.substring(last.valueEnd(), lineEnd));
        if (!rest.matches()) {
            return splice(last.valueEnd(), last.valueEnd(), "," + newline + indent + entry);
        }
        if (!rest.group(1).isEmpty()) {
            return splice(lineEnd, lineEnd, newline + indent + entry + ",");
        }
        return text.substring(0, last.valueEnd()) + "," + text.substring(last.valueEnd(), lineEnd) + newline + indent
                + entry + text.substring(lineEnd);
    }

    private String splice(int from, int to, String replacement) {
        return text.substring(0, from) + replacement + text.substring(to);
    }

    /** Notes the span of the object the parser is at, and of every object under it reached through members. */
    private int walk(JsonParser parser, List<String> path) {
        int valueStart = offset(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            List<Member> members = new ArrayList<>();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                int keyStart = offset(parser.currentTokenLocation());
                parser.nextToken();
                int memberStart = offset(parser.currentTokenLocation());
                List<String> childPath = path == null ? null : append(path, name);
                members.add(new Member(name, keyStart, memberStart, walk(parser, childPath)));
            }
            int close = offset(parser.currentTokenLocation());
            if (path != null) {
                objects.put(path, new ObjectSpan(valueStart, close, List.copyOf(members)));
            }
            return close + 1;
        }
        if (token == JsonToken.START_ARRAY) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                walk(parser, null);
            }
            return offset(parser.currentTokenLocation()) + 1;
        }
        return scalarEnd(valueStart);
    }

    /** Where a string, number, true, false or null that starts at {@code from} ends. */
    private int scalarEnd(int from) {
        int at = from;
        if (text.charAt(at) == '"') {
            for (at++; text.charAt(at) != '"'; at++) {
                if (text.charAt(at) == '\\') {
                    at++;
                }
            }
            return at + 1;
        }
        while (at < text.length() && ",}] \t\r\n/".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        return at;
    }

    private int offset(TokenStreamLocation location) {
        return start + (int) location.getCharOffset();
    }

    /**
     * The step of indentation the file uses: how much further in the first object laid out on lines has its first
     * member than its brace (two spaces for most files, a tab for some); two spaces when no object shows one.
     */
    private String indentUnit() {
        return objects.values().stream().filter(o -> !o.members().isEmpty())
                .filter(o -> !sameLine(o.open(), o.members().getFirst().keyStart()))
                .min(java.util.Comparator.comparingInt(ObjectSpan::open))
                .map(o -> {
                    String outer = lineIndent(o.open());
                    String inner = lineIndent(o.members().getFirst().keyStart());
                    return inner.length() > outer.length() && inner.startsWith(outer)
                            ? inner.substring(outer.length()) : DEFAULT_INDENT;
                }).orElse(DEFAULT_INDENT);
    }

    /** The spaces and tabs that begin the line {@code offset} is on. */
    private String lineIndent(int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int end = lineStart;
        while (end < offset && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return text.substring(lineStart, end);
    }

    private boolean sameLine(int from, int to) {
        int newlineAt = text.indexOf('\n', from);
        return newlineAt < 0 || newlineAt >= to;
    }

    /** {@code node} laid out on lines as this file lays out its own, its first line not indented. */
    private String render(JsonNode node, String indent, String unit) {
        if (node.isValueNode() || node.isEmpty() || node.isArray() && node.valueStream().allMatch(JsonNode::isValueNode)) {
            return inline(node);
        }
        String inner = indent + unit;
        StringJoiner members = new StringJoiner("," + newline + inner, (node.isObject() ? "{" : "[") + newline + inner,
                newline + indent + (node.isObject() ? "}" : "]"));
        if (node.isObject()) {
            node.properties().forEach(e -> members.add(quoted(e.getKey()) + ": " + render(e.getValue(), inner, unit)));
        } else {
            node.valueStream().forEach(element -> members.add(render(element, inner, unit)));
        }
        return members.toString();
    }

    /** {@code node} on one line, spaced as people write it: {@code {"a": [1, 2]}}. */
    private static String inline(JsonNode node) {
        if (node.isValueNode()) {
            return Json.write(node);
        }
        StringJoiner members = node.isObject() ? new StringJoiner(", ", "{", "}") : new StringJoiner(", ", "[", "]");
        if (node.isObject()) {
            node.properties().forEach(e -> members.add(quoted(e.getKey()) + ": " + inline(e.getValue())));
        } else {
            node.valueStream().forEach(element -> members.add(inline(element)));
        }
        return members.toString();
    }

    private static JsonNode nested(List<String> path, JsonNode member) {
        JsonNode node = member;
        for (int i = path.size() - 1; i >= 0; i--) {
            ObjectNode holder = Json.object();
            holder.set(path.get(i), node);
            node = holder;
        }
        return node;
    }

    private JsonTextException shapeError(int offset, String reason) {
        int line = 1;
        int lineStart = 0;
        for (int i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
            line++;
            lineStart = i + 1;
        }
        return new JsonTextException(line, offset - lineStart + 1 - (line == 1 ? start : 0), reason);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a value";
        };
    }

    private static String pointer(List<String> path) {
        StringBuilder pointer = new StringBuilder();
        path.forEach(key -> pointer.append('/').append(key.replace("~", "~0").replace("/", "~1")));
        return pointer.toString();
    }

    private static List<String> append(List<String> path, String key) {
        List<String> longer = new ArrayList<>(path);
        longer.add(key);
        return List.copyOf(longer);
    }

    private static String quoted(String key) {
        return Json.write(Json.text(key));
    }
}
