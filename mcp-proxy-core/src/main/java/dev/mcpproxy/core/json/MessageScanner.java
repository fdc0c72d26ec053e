package dev.mcpproxy.core.json;

import java.util.OptionalLong;

/**
 * Reads a JSON-RPC message as its bytes stream by, holding nothing of it, for what the proxy needs about a message
 * it will not parse whole: its top-level {@code "id"} (text and place), whether it is a response, and whether that
 * response is an error. The TypeScript SDK writes the id last ({@code {"result":{...},"jsonrpc":"2.0","id":5}}), so
 * it is known only at the end. Written by hand: Jackson's non-blocking parser holds a whole string token until it
 * ends, and in a large result that token is the payload itself (a base64 blob), the very thing not to hold.
 * Bytes are UTF-8; every byte of a multi-byte character is above 0x7F, so quotes and backslashes are found bytewise.
 */
public final class MessageScanner {

    /** Longer ids are not the proxy's (it numbers its requests) and are not kept. */
    private static final int MAX_ID_CHARS = 32;
    /** Keys are kept only as far as needed to tell "id", "result", "error", "method" and "isError" apart. */
    private static final int MAX_KEY_CHARS = 16;

    private long position;
    private int depth;
    private boolean started;
    private boolean notAnObject;
    private boolean ended;
    private boolean inString;
    private boolean escaped;
    private int unicodeDigits;
    private int unicodeValue;
    /** The string being read is a key of the top object, or of the top "result" object. */
    private boolean readingKey;
    private boolean expectKey;
    private final StringBuilder key = new StringBuilder();
    /** The top-level key whose value is being read, and inside "result" the key at the next level. */
    private String topKey = "";
    private String resultKey = "";
    private boolean resultIsObject;
    private final StringBuilder scalar = new StringBuilder();
    private boolean hasResult;
    private boolean hasError;
    private boolean hasMethod;
    private boolean toolError;
    private long idStart = -1;
    private long idEnd = -1;
    private final StringBuilder idText = new StringBuilder();
    private boolean idUsable;
    private boolean idIsString;

    public void feed(byte[] bytes, int from, int to) {
        for (int i = from; i < to && !ended; i++, position++) {
            byte b = bytes[i];
            if (inString) {
                inString(b);
            } else {
                outsideString(b);
            }
        }
    }

    private void inString(byte b) {
        boolean collecting = readingKey || isIdValue();
        if (escaped) {
            escaped = false;
            if (b == 'u') {
                unicodeDigits = 4;
                unicodeValue = 0;
            } else {
                append(collecting, readingKey ? unescape(b) : (char) b);
            }
            return;
        }
        if (unicodeDigits > 0) {
            unicodeValue = unicodeValue * 16 + Character.digit(b, 16);
            if (--unicodeDigits == 0 && readingKey) {
                append(true, (char) unicodeValue);
            }
            return;
        }
        if (b == '\\') {
            escaped = true;
            if (!readingKey) {
                append(collecting, '\\');
            }
        } else if (b == '"') {
            inString = false;
            if (readingKey) {
                readingKey = false;
                keyRead();
            } else if (isIdValue()) {
                idEnd = position + 1;
            }
        } else {
            append(collecting, (char) (b & 0xFF));
        }
    }

    private void append(boolean collecting, char c) {
        if (!collecting) {
            return;
        }
        StringBuilder into = readingKey ? key : idText;
        if (into.length() < (readingKey ? MAX_KEY_CHARS : MAX_ID_CHARS)) {
            into.append(c);
        } else if (!readingKey) {
            idUsable = false;
        }
    }

    private static char unescape(byte b) {
        return switch (b) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            default -> (char) b;
        };
    }

    private void outsideString(byte b) {
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
            return;
        }
        if (!started) {
            started = true;
            notAnObject = b != '{';
            if (notAnObject) {
                ended = true;
                return;
            }
        }
        switch (b) {
            case '"' -> startString();
            case '{', '[' -> open(b);
            case '}', ']' -> close();
            case ':' -> expectKey = false;
            case ',' -> comma();
            default -> scalarByte(b);
        }
    }

    private void startString() {
        inString = true;
        if (expectKey && (depth == 1 || inResultObject())) {
            readingKey = true;
            key.setLength(0);
        } else if (isIdValue()) {
            startId();
            idIsString = true;
        }
    }

    private void open(byte b) {
        if (isIdValue()) {
            startId();
            idUsable = false;
        }
        depth++;
        if (depth == 2 && topKey.equals("result")) {
            resultIsObject = b == '{';
            resultKey = "";
        }
        expectKey = b == '{';
    }

    private void close() {
        endScalar();
        depth--;
        if (depth == 1 && topKey.equals("id")) {
            idEnd = position + 1;
        }
        if (depth == 0) {
            ended = true;
        }
        expectKey = false;
    }

    private void comma() {
        endScalar();
        if (depth == 1 || inResultObject()) {
            expectKey = true;
        }
    }

    private void scalarByte(byte b) {
        if (isIdValue()) {
            if (idStart < 0) {
                startId();
            }
            idEnd = position + 1;
            append(true, (char) b);
        } else if (inResultObject() && resultKey.equals("isError") && scalar.length() < 5) {
            scalar.append((char) b);
        }
    }

    private void endScalar() {
        if (inResultObject() && resultKey.equals("isError") && scalar.toString().equals("true")) {
            toolError = true;
        }
        scalar.setLength(0);
    }

    private void startId() {
        idStart = position;
        idEnd = -1;
        idText.setLength(0);
        idUsable = true;
        idIsString = false;
    }

    private boolean isIdValue() {
        return depth == 1 && !expectKey && topKey.equals("id");
    }

    private boolean inResultObject() {
        return depth == 2 && resultIsObject && topKey.equals("result");
    }

    /** A key has been read: its value is what follows. */
    private void keyRead() {
        String name = key.toString();
        if (depth == 1) {
            topKey = name;
            switch (name) {
                case "result" -> hasResult = true;
                case "error" -> hasError = true;
                case "method" -> hasMethod = true;
                default -> { }
            }
        } else {
            resultKey = name;
        }
    }

    public long position() {
        return position;
    }

    /** Whether the message is one JSON object with an id and a result or an error, and no method. */
    public boolean isResponse() {
        return !notAnObject && idStart >= 0 && (hasResult || hasError) && !hasMethod;
    }

    /** A response carrying an {@code "error"} instead of a result. */
    public boolean isError() {
        return hasError;
    }

    /** A result whose {@code "isError"} is true: a tool that reported a failure. */
    public boolean isToolError() {
        return toolError;
    }

    /** The top-level id when it is an integer (the proxy's own ids are). */
    public OptionalLong numericId() {
        if (idStart < 0 || idEnd < 0 || !idUsable || idIsString) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(idText.toString()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
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
