package dev.mcpproxy.server.http1;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The request line and header fields of one HTTP/1.x request, parsed strictly (RFC 9112): anything that two
 * parsers could read differently (a bare LF or CR, a body length given twice, folded lines, control characters,
 * whitespace before a colon, user information in a host) is refused rather than guessed at.
 */
record RequestHead(String method, String path, String query, boolean http10, Map<String, String> headers,
                   long contentLength, boolean chunked, boolean expectsContinue, boolean keepAlive) implements Http1Head {

    /** Far above any real client's head (a browser's is 1-2 KiB), small enough to keep 1,024 of them. */
    static final int MAX_HEAD_BYTES = 16 * 1024;
    /** Real requests carry 5-30 fields; each is a map entry, so their number is bounded apart from their size. */
    private static final int MAX_FIELDS = 100;

    /**
     * The names of the fields a request to the proxy usually carries, as the map's keys: a field line naming one
     * takes this string rather than two of its own (its text, then that lowered).
     */
    private static final String[] COMMON_NAMES = {"host", "content-type", "content-length", "accept",
        "accept-encoding", "mcp-session-id", "mcp-protocol-version", "origin", "authorization", "connection",
        "user-agent", "last-event-id", "cookie", "upgrade", "transfer-encoding", "expect", "if-none-match"};
    /** The characters of an RFC 9110 token (a method, a field name), by their code below 128. */
    private static final boolean[] TOKEN_CHARS = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            TOKEN_CHARS[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }

    @Override
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The end of the head (the index after its empty line) in bytes[from, to), or -1 when it has not all come;
     * scanning starts at {@code scanned}, what an earlier call already looked at. Lines must end in CRLF.
     */
    static int end(byte[] bytes, int from, int scanned, int to) throws HttpError {
        for (int i = Math.max(from, scanned); i < to; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (i == from || bytes[i - 1] != '\r') {
                    throw new HttpError(400, "Malformed request: lines must end in CRLF, not a bare LF");
                }
                if (i - 3 >= from && bytes[i - 2] == '\n') {
                    return i + 1;
                }
            } else if (b == '\r' && i + 1 < to && bytes[i + 1] != '\n') {
                throw new HttpError(400, "Malformed request: a bare CR");
            }
        }
        return -1;
    }

    /** Parses bytes[from, end), a whole head as {@link #end} found it. */
    static RequestHead parse(byte[] bytes, int from, int end) throws HttpError {
        int lineEnd = lineEnd(bytes, from);
        int methodEnd = indexOf(bytes, from, lineEnd, ' ');
        int targetEnd = methodEnd < 0 ? -1 : indexOf(bytes, methodEnd + 1, lineEnd, ' ');
        if (targetEnd < 0 || !isToken(bytes, from, methodEnd) || targetEnd == methodEnd + 1) {
            throw new HttpError(400, "Malformed request line");
        }
        for (int i = methodEnd + 1; i < targetEnd; i++) {
            if (bytes[i] <= ' ' || bytes[i] >= 0x7f) {
                throw new HttpError(400, "Malformed request target: only visible ASCII characters");
            }
        }
        boolean http10 = http10(bytes, targetEnd + 1, lineEnd);
        Map<String, String> headers = fields(bytes, lineEnd + 2, end - 2);
        RequestTarget target = RequestTarget.parse(ascii(bytes, methodEnd + 1, targetEnd));
        String host = headers.get("host");
        if (!http10 && host == null) {
            throw new HttpError(400, "An HTTP/1.1 request needs a Host header");
        }
        if (host != null && !Authority.valid(host)) {
            throw new HttpError(400, "Malformed Host header: a name or address and a port, without user information");
        }
        if (target.authority() != null) {
            // The absolute form's authority replaces the Host header (RFC 9112, 3.2.2).
            headers.put("host", target.authority());
        }
        String transferEncoding = headers.get("transfer-encoding");
        String length = headers.get("content-length");
        boolean chunked = false;
        if (transferEncoding != null) {
            if (length != null) {
                throw new HttpError(400, "Content-Length and Transfer-Encoding together are not accepted");
            }
            if (http10 || !transferEncoding.equalsIgnoreCase("chunked")) {
                throw new HttpError(501, "Transfer-Encoding " + transferEncoding + " is not supported; send chunked");
            }
            chunked = true;
        }
        String expect = headers.get("expect");
        if (expect != null && !expect.equalsIgnoreCase("100-continue")) {
            throw new HttpError(417, "Only Expect: 100-continue is supported");
        }
        String connection = headers.get("connection");
        // An HTTP/1.0 connection is closed after its answer, whatever it asked: keep-alive there is an extension.
        boolean keepAlive = !http10 && (connection == null || !connection.toLowerCase(Locale.ROOT).contains("close"));
        return new RequestHead(ascii(bytes, from, methodEnd), target.path(), target.query(), http10, headers,
                contentLength(length), chunked, expect != null && !http10, keepAlive);
    }

    /** HTTP/1.0 or 1.1; another version of the same form gets 505, anything else 400. */
    private static boolean http10(byte[] bytes, int from, int to) throws HttpError {
        if (to - from != 8 || bytes[from] != 'H' || bytes[from + 1] != 'T' || bytes[from + 2] != 'T'
                || bytes[from + 3] != 'P' || bytes[from + 4] != '/' || !digit(bytes[from + 5])
                || bytes[from + 6] != '.' || !digit(bytes[from + 7])) {
            throw new HttpError(400, "Malformed request line: the version must be HTTP/1.1");
        }
        if (bytes[from + 5] != '1' || (bytes[from + 7] != '0' && bytes[from + 7] != '1')) {
            throw new HttpError(505, "HTTP version not supported; use HTTP/1.1");
        }
        return bytes[from + 7] == '0';
    }

    /** The header fields in bytes[from, to), each line ending in CRLF. */
    private static Map<String, String> fields(byte[] bytes, int from, int to) throws HttpError {
        Map<String, String> headers = new HashMap<>();
        int count = 0;
        for (int start = from; start < to; ) {
            int end = lineEnd(bytes, start);
            if (++count > MAX_FIELDS) {
                throw new HttpError(431, "Too many header fields (limit " + MAX_FIELDS + ")");
            }
            field(bytes, start, end, headers);
            start = end + 2;
        }
        return headers;
    }

    /** One field line, bytes[start, end): a token, a colon, the value between optional SP and HTAB. */
    private static void field(byte[] bytes, int start, int end, Map<String, String> headers) throws HttpError {
        int colon = indexOf(bytes, start, end, ':');
        if (colon < 0 || !isToken(bytes, start, colon)) {
            // A line starting with whitespace is an obsolete folded line; whitespace before the colon is refused too.
            throw new HttpError(400, "Malformed header field");
        }
        String name = lowerCaseName(bytes, start, colon);
        int valueStart = colon + 1;
        int valueEnd = end;
        while (valueStart < valueEnd && (bytes[valueStart] == ' ' || bytes[valueStart] == '\t')) {
            valueStart++;
        }
        while (valueEnd > valueStart && (bytes[valueEnd - 1] == ' ' || bytes[valueEnd - 1] == '\t')) {
            valueEnd--;
        }
        for (int i = valueStart; i < valueEnd; i++) {
            int c = bytes[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new HttpError(400, "Control character in header " + name);
            }
        }
        String value = new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1);
        String earlier = headers.putIfAbsent(name, value);
        if (earlier != null) {
            if (name.equals("host") || name.equals("content-length")) {
                throw new HttpError(400, "Header " + name + " given twice");
            }
            headers.put(name, earlier + ", " + value);
        }
    }

    /** bytes[from, to), a token, in lower case: one of {@link #COMMON_NAMES} when it is one. */
    private static String lowerCaseName(byte[] bytes, int from, int to) {
        for (String common : COMMON_NAMES) {
            if (common.length() == to - from && equalsIgnoringCase(bytes, from, common)) {
                return common;
            }
        }
        byte[] lowered = new byte[to - from];
        for (int i = from; i < to; i++) {
            lowered[i - from] = (byte) lower(bytes[i]);
        }
        return new String(lowered, StandardCharsets.ISO_8859_1);
    }

    /** Whether the token at bytes[from] is {@code lowerCase} but for the case of its letters. */
    private static boolean equalsIgnoringCase(byte[] bytes, int from, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            if (lower(bytes[from + i]) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** An ASCII letter in lower case; any other byte as it is. */
    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private static long contentLength(String value) throws HttpError {
        if (value == null) {
            return 0;
        }
        if (value.isEmpty() || value.length() > 18) {
            throw new HttpError(400, "Malformed Content-Length");
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpError(400, "Malformed Content-Length");
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /** The index of the CR of the CRLF that ends the line starting at {@code from} ({@link #end} found them all). */
    private static int lineEnd(byte[] bytes, int from) {
        int i = from;
        while (bytes[i] != '\r') {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] bytes, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Whether bytes[from, to) is an RFC 9110 token: what a method or a field name is made of. */
    static boolean isToken(byte[] bytes, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            int c = bytes[i];
            if (c < 0 || !TOKEN_CHARS[c]) {
                return false;
            }
        }
        return true;
    }
}
