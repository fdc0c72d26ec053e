package dev.mcpproxy.core.json;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Reads a message as its bytes stream by, holding nothing of it, and in that one pass both checks that they are one
 * JSON text (RFC 8259, strictly) and finds what the proxy needs about a message it will not parse whole: its
 * top-level {@code "id"} (value and place), whether it is a response, and whether that response is an error. The
 * TypeScript SDK writes the id last ({@code {"result":{...},"jsonrpc":"2.0","id":5}}), so it is known only at the end.
 *
 * <p>Written by hand, for two reasons. Jackson's non-blocking parser holds a whole string token until it ends, and
 * in a large result that token is the payload itself (a base64 blob), the very thing not to hold. And checking every
 * answer with Jackson's blocking parser besides finding its id was a second pass over it: a tenth of an upstream
 * reader's time per call. Held to JSONTestSuite's parsing cases (every {@code y_} accepted, every {@code n_}
 * refused) in {@code MessageScannerSuiteTest}; where RFC 8259 leaves the choice to the parser (its {@code i_}
 * cases) the scanner accepts what Jackson accepts, except text that is not well-formed UTF-8 (which Jackson passes
 * on when it skips a string), and refuses nesting deeper than Jackson's default limit.
 *
 * <p>Bytes are UTF-8; every byte of a multi-byte character is above 0x7F, so quotes and backslashes are found
 * bytewise, and a string's plain bytes are passed over in a tight loop.
 */
public final class MessageScanner {

    /** Jackson's default ({@code StreamReadConstraints.DEFAULT_MAX_DEPTH}), as every other message is held to. */
    static final int MAX_DEPTH = 500;
    /** Keys are kept only as far as needed to tell "id", "result", "error", "method" and "isError" apart. */
    private static final int MAX_KEY_CHARS = 16;

    // Where the scanner is in the grammar, between two bytes. Plain ints rather than an enum: the switch on them
    // runs for every byte outside a string's plain run.
    private static final int VALUE = 0;
    private static final int VALUE_OR_CLOSE = 1;
    private static final int KEY_OR_CLOSE = 2;
    private static final int KEY = 3;
    private static final int COLON = 4;
    private static final int AFTER_VALUE = 5;
    private static final int STRING = 6;
    private static final int ESCAPE = 7;
    private static final int UNICODE = 8;
    private static final int UTF8 = 9;
    private static final int LITERAL = 10;
    private static final int MINUS = 11;
    private static final int ZERO = 12;
    private static final int INTEGER = 13;
    private static final int POINT = 14;
    private static final int FRACTION = 15;
    private static final int EXPONENT_MARK = 16;
    private static final int EXPONENT_SIGN = 17;
    private static final int EXPONENT = 18;
    private static final int FAILED = 19;

    // What the top-level key being read names.
    private static final int OTHER_KEY = 0;
    private static final int ID = 1;
    private static final int RESULT = 2;
    private static final int ERROR = 3;
    private static final int METHOD = 4;

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private int state = VALUE;
    private String failure;
    /** The index in the whole message of the byte being read. */
    private long position;
    private int depth;
    /** Bit d - 1 set: the container at depth d is an object. Deeper than 64 levels the rest are in {@link #deep}. */
    private long shallow;
    private long[] deep;
    private boolean started;
    private boolean stringIsKey;
    private byte[] literal;
    private int literalAt;
    private int unicodeDigits;
    private int unicodeValue;
    private int continuationBytes;
    private int continuationLow;
    private int continuationHigh;

    private boolean topIsObject;
    /** The key being read is one of the top object, or of the top "result" object: its characters are kept. */
    private boolean collecting;
    private final char[] key = new char[MAX_KEY_CHARS];
    private int keyLength;
    private int topKey = OTHER_KEY;
    private boolean resultIsObject;
    private boolean resultKeyIsError;
    private boolean hasResult;
    private boolean hasError;
    private boolean hasMethod;
    private boolean toolError;

    private int ids;
    private boolean readingId;
    private long idStart = -1;
    private long idEnd = -1;
    private boolean idIsInteger;
    private boolean idNegative;
    private boolean idTooLarge;
    private long idValue;

    public void feed(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (state == STRING && !collecting) {
                int plain = i;
                while (i < to && isPlain(bytes[i])) {
                    i++;
                }
                position += i - plain;
                if (i == to) {
                    return;
                }
            }
            if (state == FAILED) {
                return;
            }
            step(bytes[i]);
            position++;
        }
    }

    /** Not a quote, a backslash, a control character or part of a multi-byte character. */
    private static boolean isPlain(byte b) {
        return b >= 0x20 && b != '"' && b != '\\';
    }

    private void step(byte b) {
        switch (state) {
            case STRING -> inString(b);
            case VALUE, VALUE_OR_CLOSE -> value(b);
            case AFTER_VALUE -> afterValue(b);
            case KEY_OR_CLOSE, KEY -> key(b);
            case COLON -> colon(b);
            case ESCAPE -> escape(b);
            case UNICODE -> unicodeDigit(b);
            case UTF8 -> continuation(b);
            case LITERAL -> literal(b);
            case FAILED -> { }
            default -> number(b);
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void value(byte b) {
        if (isSpace(b)) {
            return;
        }
        if (b == ']' && state == VALUE_OR_CLOSE) {
            close();
            return;
        }
        valueStarts(b);
        switch (b) {
            case '{' -> open(true);
            case '[' -> open(false);
            case '"' -> {
                state = STRING;
                stringIsKey = false;
                collecting = false;
            }
            case 't' -> startLiteral(TRUE);
            case 'f' -> startLiteral(FALSE);
            case 'n' -> startLiteral(NULL);
            case '-' -> {
                state = MINUS;
                idNegative |= isIdItself();
            }
            case '0' -> state = ZERO;
            default -> {
                if (b >= '1' && b <= '9') {
                    state = INTEGER;
                    idDigit(b);
                } else {
                    fail(b, "a value");
                }
            }
        }
    }

    private void key(byte b) {
        if (isSpace(b)) {
            return;
        }
        if (b == '}' && state == KEY_OR_CLOSE) {
            close();
            return;
        }
        if (b != '"') {
            fail(b, state == KEY ? "a member's name in quotes" : "a member's name in quotes, or '}'");
            return;
        }
        state = STRING;
        stringIsKey = true;
        collecting = topIsObject && (depth == 1 || (depth == 2 && resultIsObject));
        keyLength = 0;
    }

    private void colon(byte b) {
        if (isSpace(b)) {
            return;
        }
        if (b == ':') {
            state = VALUE;
        } else {
            fail(b, "':' after a member's name");
        }
    }

    private void afterValue(byte b) {
        if (isSpace(b)) {
            return;
        }
        if (depth == 0) {
            fail(b, "nothing more: a message is one JSON value");
            return;
        }
        boolean inObject = isObject(depth);
        if (b == ',') {
            state = inObject ? KEY : VALUE;
        } else if (b == (inObject ? '}' : ']')) {
            close();
        } else {
            fail(b, inObject ? "',' or '}'" : "',' or ']'");
        }
    }

    private void inString(byte b) {
        if (b == '"') {
            closeString();
        } else if (b == '\\') {
            state = ESCAPE;
        } else if (b >= 0 && b < 0x20) {
            failWith(String.format("a control character (byte 0x%02x) in a string at byte %d: JSON has it escaped",
                    b, position));
        } else if (b < 0) {
            utf8Lead(b & 0xFF);
        } else {
            keep((char) b);
        }
    }

    private void closeString() {
        if (stringIsKey) {
            state = COLON;
            if (collecting) {
                keyRead();
                collecting = false;
            }
        } else {
            state = AFTER_VALUE;
            valueEnds(position + 1);
        }
    }

    private void escape(byte b) {
        state = STRING;
        switch (b) {
            case '"', '\\', '/' -> keep((char) b);
            case 'b' -> keep('\b');
            case 'f' -> keep('\f');
            case 'n' -> keep('\n');
            case 'r' -> keep('\r');
            case 't' -> keep('\t');
            case 'u' -> {
                state = UNICODE;
                unicodeDigits = 4;
                unicodeValue = 0;
            }
            default -> fail(b, "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hex digits)");
        }
    }

    /** A lone surrogate is accepted, as RFC 8259 allows and Jackson does. */
    private void unicodeDigit(byte b) {
        int digit = Character.digit(b, 16);
        if (digit < 0) {
            fail(b, "four hex digits after \\u");
            return;
        }
        unicodeValue = unicodeValue * 16 + digit;
        if (--unicodeDigits == 0) {
            state = STRING;
            keep((char) unicodeValue);
        }
    }

    /**
     * The first byte of a multi-byte character: how many follow and what the next may be, so that overlong forms,
     * surrogates and code points past U+10FFFF are refused (the Unicode Standard, table 3-7).
     */
    private void utf8Lead(int lead) {
        continuationLow = 0x80;
        continuationHigh = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuationBytes = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuationBytes = 2;
            if (lead == 0xE0) {
                continuationLow = 0xA0;
            } else if (lead == 0xED) {
                continuationHigh = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuationBytes = 3;
            if (lead == 0xF0) {
                continuationLow = 0x90;
            } else if (lead == 0xF4) {
                continuationHigh = 0x8F;
            }
        } else {
            fail((byte) lead, "well-formed UTF-8");
            return;
        }
        state = UTF8;
        // No key the proxy looks for holds such a character; one that does is kept as one that cannot match.
        keep('\uFFFD');
    }

    private void continuation(byte b) {
        int u = b & 0xFF;
        if (u < continuationLow || u > continuationHigh) {
            fail(b, "well-formed UTF-8");
            return;
        }
        continuationLow = 0x80;
        continuationHigh = 0xBF;
        if (--continuationBytes == 0) {
            state = STRING;
        }
    }

    private void startLiteral(byte[] word) {
        state = LITERAL;
        literal = word;
        literalAt = 1;
    }

    private void literal(byte b) {
        if (b != literal[literalAt]) {
            fail(b, "'" + new String(literal, StandardCharsets.US_ASCII) + "'");
            return;
        }
        if (++literalAt == literal.length) {
            state = AFTER_VALUE;
            valueEnds(position + 1);
        }
    }

    private void number(byte b) {
        switch (state) {
            case MINUS -> {
                if (b == '0') {
                    state = ZERO;
                } else if (b >= '1' && b <= '9') {
                    state = INTEGER;
                    idDigit(b);
                } else {
                    fail(b, "a digit after '-'");
                }
            }
            case ZERO -> {
                if (isDigit(b)) {
                    fail(b, "no digit after a leading 0");
                } else {
                    fractionOrExponentOrEnd(b);
                }
            }
            case INTEGER -> {
                if (isDigit(b)) {
                    idDigit(b);
                } else {
                    fractionOrExponentOrEnd(b);
                }
            }
            case POINT -> digitOrFail(b, FRACTION, "a digit after '.'");
            case FRACTION -> {
                if (b == 'e' || b == 'E') {
                    state = EXPONENT_MARK;
                } else if (!isDigit(b)) {
                    numberEnds(b);
                }
            }
            case EXPONENT_MARK -> {
                if (b == '+' || b == '-') {
                    state = EXPONENT_SIGN;
                } else {
                    digitOrFail(b, EXPONENT, "a digit in the exponent");
                }
            }
            case EXPONENT_SIGN -> digitOrFail(b, EXPONENT, "a digit in the exponent");
            default -> {
                if (!isDigit(b)) {
                    numberEnds(b);
                }
            }
        }
    }

    private void fractionOrExponentOrEnd(byte b) {
        if (b == '.') {
            state = POINT;
            idIsInteger &= !isIdItself();
        } else if (b == 'e' || b == 'E') {
            state = EXPONENT_MARK;
            idIsInteger &= !isIdItself();
        } else {
            numberEnds(b);
        }
    }

    private void digitOrFail(byte b, int next, String expected) {
        if (isDigit(b)) {
            state = next;
        } else {
            fail(b, expected);
        }
    }

    /** A number ends at the first byte that is not part of it, which is then read for what comes after a value. */
    private void numberEnds(byte b) {
        state = AFTER_VALUE;
        valueEnds(position);
        afterValue(b);
    }

    private void open(boolean object) {
        if (depth == MAX_DEPTH) {
            failWith("nested deeper than " + MAX_DEPTH + " levels, at byte " + position);
            return;
        }
        if (depth >= 64 && deep == null) {
            deep = new long[(MAX_DEPTH - 64 + 63) / 64];
        }
        if (depth < 64) {
            shallow = object ? shallow | (1L << depth) : shallow & ~(1L << depth);
        } else {
            int bit = depth - 64;
            deep[bit >> 6] = object ? deep[bit >> 6] | (1L << bit) : deep[bit >> 6] & ~(1L << bit);
        }
        depth++;
        state = object ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
        if (depth == 2) {
            resultIsObject = object && topIsObject && topKey == RESULT;
        }
    }

    private boolean isObject(int level) {
        int bit = level - 1;
        return bit < 64 ? (shallow & (1L << bit)) != 0 : (deep[(bit - 64) >> 6] & (1L << (bit - 64))) != 0;
    }

    private void close() {
        depth--;
        state = AFTER_VALUE;
        if (depth == 1) {
            resultIsObject = false;
        }
        valueEnds(position + 1);
    }

    private void fail(byte b, String expected) {
        String seen = b >= 0x21 && b < 0x7F ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xFF);
        failWith("unexpected " + seen + " at byte " + position + ", where JSON has " + expected);
    }

    private void failWith(String problem) {
        failure = problem;
        state = FAILED;
    }

    // What the proxy looks for, noted as the grammar is walked.

    private void valueStarts(byte b) {
        if (!started) {
            started = true;
            topIsObject = b == '{';
        } else if (depth == 1 && topIsObject) {
            if (topKey == ID) {
                ids++;
                readingId = true;
                idStart = position;
                idEnd = -1;
                idIsInteger = b == '-' || isDigit(b);
                idNegative = false;
                idTooLarge = false;
                idValue = 0;
            }
        } else if (depth == 2 && resultIsObject && resultKeyIsError) {
            toolError = b == 't';
        }
    }

    private void valueEnds(long end) {
        if (isIdItself()) {
            readingId = false;
            idEnd = end;
        }
    }

    /** The value being read is the top-level id itself, not something inside it. */
    private boolean isIdItself() {
        return readingId && depth == 1;
    }

    private void idDigit(byte b) {
        if (!isIdItself()) {
            return;
        }
        int digit = b - '0';
        if (idValue > (Long.MAX_VALUE - digit) / 10) {
            idTooLarge = true;
        } else {
            idValue = idValue * 10 + digit;
        }
    }

    private void keep(char c) {
        if (collecting && keyLength < MAX_KEY_CHARS) {
            key[keyLength++] = c;
        }
    }

    /** A key has been read: its value is what follows. */
    private void keyRead() {
        if (depth == 1) {
            topKey = keyIs("id") ? ID : keyIs("result") ? RESULT : keyIs("error") ? ERROR
                    : keyIs("method") ? METHOD : OTHER_KEY;
            switch (topKey) {
                case RESULT -> hasResult = true;
                case ERROR -> hasError = true;
                case METHOD -> hasMethod = true;
                default -> { }
            }
        } else {
            resultKeyIsError = keyIs("isError");
        }
    }

    private boolean keyIs(String name) {
        if (keyLength != name.length()) {
            return false;
        }
        for (int i = 0; i < keyLength; i++) {
            if (key[i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why the bytes fed so far are not one whole JSON text, or null when they are. Asked once the message has been
     * fed whole.
     */
    public String problem() {
        if (failure != null) {
            return failure;
        }
        if (!started) {
            return "no JSON value, only whitespace";
        }
        boolean complete = depth == 0 && (state == AFTER_VALUE || state == ZERO || state == INTEGER
                || state == FRACTION || state == EXPONENT);
        return complete ? null : "the text ends after " + position + " bytes, before its JSON value does";
    }

    /** Whether the message is one JSON object with an id and a result or an error, and no method. */
    public boolean isResponse() {
        return topIsObject && idStart >= 0 && idEnd >= 0 && (hasResult || hasError) && !hasMethod;
    }

    /** A response carrying an {@code "error"} instead of a result. */
    public boolean isError() {
        return hasError;
    }

    /** A result whose {@code "isError"} is true: a tool that reported a failure. */
    public boolean isToolError() {
        return toolError;
    }

    /**
     * The top-level id when it is an integer that fits a long, but for {@code Long.MIN_VALUE} (the proxy's own ids
     * are small and positive). Empty when the object names an id twice: which one counts is not for the proxy to
     * guess.
     */
    public OptionalLong numericId() {
        if (idStart < 0 || idEnd < 0 || ids != 1 || !idIsInteger || idTooLarge) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(idNegative ? -idValue : idValue);
    }

    /** Where the top-level id's value starts in the message, -1 when it has none. */
    public long idStart() {
        return idEnd < 0 ? -1 : idStart;
    }

    /** Where the top-level id's value ends (exclusive). */
    public long idEnd() {
        return idEnd;
    }
}
