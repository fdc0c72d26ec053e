package dev.mcpproxy.core.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A client's request rewritten in the JSON text it came in, for its way to an upstream: only the values the proxy
 * changes (the id, the name in {@code params} or in {@code params.ref}, {@code params._meta.progressToken}) are
 * replaced, and every other byte goes as the client wrote it. Writing the request's tree anew instead took a sixth
 * of the HTTP thread's CPU per call, as much as parsing it.
 *
 * <p>Only an unambiguous text is rewritten; for any other the answer is empty and the caller writes the tree, which
 * says what the proxy read. Unambiguous means: no key given twice and none written with an escape in the objects
 * the proxy reads to route and to check a request (the top level, {@code params}, {@code params.ref},
 * {@code params._meta}), since Jackson keeps the last of two keys and a reader that keeps the first would see
 * another request than the one that was routed and allowed; no line break outside strings, since a stdio
 * upstream reads one message per line; and well-formed UTF-8 (RFC 3629) throughout, since Jackson reads an overlong
 * encoding in a string value as the character it encodes ({@code 0xC1 0xA1} as {@code a}) where another reader
 * would see a replacement character or an error.
 *
 * <p>Written by hand, because Jackson's parser, which can say where each token lies, costs about what writing the
 * tree costs. The text has been parsed by Jackson before it comes here, so this reads valid JSON; it still checks
 * every byte it relies on and answers empty, never wrongly, at anything unexpected.
 */
public final class RequestText {

    /** Objects with more keys than this at the levels that are checked for repeats are left to the tree. */
    private static final int MAX_KEYS = 64;

    /** The object being read, for the keys that matter in it, and the key whose value may be replaced there. */
    private enum Level {
        TOP("id"), PARAMS("name"), REF("name"), META("progressToken"), OTHER(null);

        final String replaced;

        Level(String replaced) {
            this.replaced = replaced;
        }
    }

    private final byte[] text;
    private int at;
    /** Where the value of each level's replaced key starts and ends, by level; -1 where there is none. */
    private final int[] starts = {-1, -1, -1, -1};
    private final int[] ends = new int[4];

    private RequestText(byte[] text) {
        this.text = text;
    }

    /**
     * The request with the given values in place of the client's, or empty when the text is not unambiguous or
     * lacks one of the values to replace.
     *
     * @param name          the name the upstream knows, or null to keep the client's
     * @param nameInRef     whether the name is {@code params.ref.name} (a completion) rather than {@code params.name}
     * @param progressToken the proxy's token, or null when the request carries none
     */
    public static Optional<byte[]> rewrite(byte[] text, long id, String name, boolean nameInRef,
                                           String progressToken) {
        RequestText scanned = new RequestText(text);
        if (!scanned.readMessage()) {
            return Optional.empty();
        }
        return scanned.with(id, name, nameInRef, progressToken);
    }

    private Optional<byte[]> with(long id, String name, boolean nameInRef, String progressToken) {
        Replacement[] replacements = new Replacement[3];
        int count = 0;
        replacements[count++] = replacement(Level.TOP, Long.toString(id).getBytes(StandardCharsets.US_ASCII));
        if (name != null) {
            replacements[count++] = replacement(nameInRef ? Level.REF : Level.PARAMS, quoted(name));
        }
        if (progressToken != null) {
            replacements[count++] = replacement(Level.META, quoted(progressToken));
        }
        int length = text.length;
        for (int i = 0; i < count; i++) {
            if (replacements[i].start < 0) {
                return Optional.empty();
            }
            length += replacements[i].bytes.length - (replacements[i].end - replacements[i].start);
        }
        sortByStart(replacements, count);
        byte[] out = new byte[length];
        int from = 0;
        int to = 0;
        for (int i = 0; i < count; i++) {
            Replacement replacement = replacements[i];
            System.arraycopy(text, from, out, to, replacement.start - from);
            to += replacement.start - from;
            System.arraycopy(replacement.bytes, 0, out, to, replacement.bytes.length);
            to += replacement.bytes.length;
            from = replacement.end;
        }
        System.arraycopy(text, from, out, to, text.length - from);
        return Optional.of(out);
    }

    private Replacement replacement(Level level, byte[] value) {
        return new Replacement(starts[level.ordinal()], ends[level.ordinal()], value);
    }

    private static void sortByStart(Replacement[] replacements, int count) {
        for (int i = 1; i < count; i++) {
            for (int j = i; j > 0 && replacements[j].start < replacements[j - 1].start; j--) {
                Replacement before = replacements[j - 1];
                replacements[j - 1] = replacements[j];
                replacements[j] = before;
            }
        }
    }

    /** The bytes of a value, in place of the span [start, end) of the text; start is -1 when there is none. */
    private record Replacement(int start, int end, byte[] bytes) {
    }

    private static byte[] quoted(String value) {
        return JsonText.appendString(new StringBuilder(value.length() + 2), value).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the whole text: one object, with nothing but spaces and tabs around it. */
    private boolean readMessage() {
        if (!isWellFormedUtf8(text)) {
            return false;
        }
        skipSpaces();
        if (peek() != '{' || !readObject(Level.TOP)) {
            return false;
        }
        skipSpaces();
        return at == text.length;
    }

    /** Reads an object whose keys are checked, from its '{' to past its '}'. */
    private boolean readObject(Level level) {
        at++;
        int[] keys = new int[8];
        int keyCount = 0;
        skipSpaces();
        if (peek() == '}') {
            at++;
            return true;
        }
        while (true) {
            if (peek() != '"') {
                return false;
            }
            int keyStart = at + 1;
            int keyEnd = keyStart;
            while (keyEnd < text.length && text[keyEnd] != '"') {
                if (text[keyEnd] == '\\') {
                    return false;
                }
                keyEnd++;
            }
            if (keyEnd == text.length || keyCount == MAX_KEYS) {
                return false;
            }
            at = keyEnd + 1;
            for (int k = 0; k < keyCount; k++) {
                if (Arrays.equals(text, keys[2 * k], keys[2 * k + 1], text, keyStart, keyEnd)) {
                    return false;
                }
            }
            if (2 * keyCount + 1 >= keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
            }
            keys[2 * keyCount] = keyStart;
            keys[2 * keyCount + 1] = keyEnd;
            keyCount++;
            skipSpaces();
            if (peek() != ':') {
                return false;
            }
            at++;
            skipSpaces();
            if (!readMember(level, keyStart, keyEnd)) {
                return false;
            }
            skipSpaces();
            int next = peek();
            at++;
            if (next == '}') {
                return true;
            }
            if (next != ',') {
                return false;
            }
            skipSpaces();
        }
    }

    /** Reads the value of a member of an object at {@code level}, noting where it lies when it is one to replace. */
    private boolean readMember(Level level, int keyStart, int keyEnd) {
        Level inner = switch (level) {
            case TOP -> is(keyStart, keyEnd, "params") ? Level.PARAMS : Level.OTHER;
            case PARAMS -> is(keyStart, keyEnd, "ref") ? Level.REF
                    : is(keyStart, keyEnd, "_meta") ? Level.META : Level.OTHER;
            default -> Level.OTHER;
        };
        if (inner != Level.OTHER && peek() == '{') {
            return readObject(inner);
        }
        int start = at;
        if (!skipValue()) {
            return false;
        }
        if (level.replaced != null && is(keyStart, keyEnd, level.replaced)) {
            starts[level.ordinal()] = start;
            ends[level.ordinal()] = at;
        }
        return true;
    }

    /**
     * Moves past one value of any kind, keys in it unchecked. Nested containers are counted, not recursed into, so
     * that no depth of nesting can exhaust the stack. Only spaces and tabs are taken between tokens: a line break,
     * or any byte that is not JSON, ends the reading.
     */
    private boolean skipValue() {
        int depth = 0;
        do {
            if (at >= text.length) {
                return false;
            }
            byte b = text[at];
            switch (b) {
                case '"' -> {
                    if (!skipString()) {
                        return false;
                    }
                }
                case '{', '[' -> {
                    depth++;
                    at++;
                }
                case '}', ']' -> {
                    if (depth == 0) {
                        return false;
                    }
                    depth--;
                    at++;
                }
                case ',', ':', ' ', '\t' -> {
                    if (depth == 0) {
                        return false;
                    }
                    at++;
                }
                default -> {
                    int i = at;
                    while (i < text.length && isScalarByte(text[i])) {
                        i++;
                    }
                    if (i == at) {
                        return false;
                    }
                    at = i;
                }
            }
        } while (depth > 0);
        return true;
    }

    /** Letters, digits, signs and points: what {@code true}, {@code false}, {@code null} and numbers are made of. */
    private static boolean isScalarByte(byte b) {
        return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '+' || b == '.' || b == 'E';
    }

    /** From a string's opening quote to past its closing one. The loops keep the cursor in a local: C1 does not. */
    private boolean skipString() {
        byte[] bytes = text;
        int i = at + 1;
        while (i < bytes.length) {
            byte b = bytes[i++];
            if (b == '"') {
                at = i;
                return true;
            }
            if (b == '\\') {
                i++;
            }
        }
        return false;
    }

    /**
     * Whether every multi-byte sequence is one RFC 3629 allows: no overlong form, no surrogate, nothing past
     * U+10FFFF, none cut short (its table 3-7 of well-formed byte sequences, as the Unicode standard gives it).
     */
    static boolean isWellFormedUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int following;
            int secondLow = 0x80;
            int secondHigh = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                following = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                following = 2;
                secondLow = b == 0xE0 ? 0xA0 : 0x80;
                secondHigh = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                following = 3;
                secondLow = b == 0xF0 ? 0x90 : 0x80;
                secondHigh = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (i + following >= bytes.length) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondLow || second > secondHigh) {
                return false;
            }
            for (int k = 2; k <= following; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += following + 1;
        }
        return true;
    }

    private void skipSpaces() {
        byte[] bytes = text;
        int i = at;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        at = i;
    }

    private int peek() {
        return at < text.length ? text[at] : -1;
    }

    private boolean is(int start, int end, String key) {
        if (end - start != key.length()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (text[start + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
