package dev.mcpproxy.server.http1;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request line and header fields of one HTTP/1.x request, parsed strictly (RFC 9112): anything that two
 * parsers could read differently (a body length given twice, folded lines, stray control characters) is refused
 * rather than guessed at. Lines may end in CRLF or a bare LF, as the RFC allows a recipient to accept.
 */
record RequestHead(String method, String path, String query, boolean http10, Map<String, String> headers,
                   long contentLength, boolean chunked, boolean expectsContinue, boolean keepAlive) {

    static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final int MAX_FIELDS = 100;

    /** The end of the head (the index after its empty line) in bytes[from, to), or -1 when it has not all come. */
    static int end(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                int next = i + 1;
                if (next < to && bytes[next] == '\n') {
                    return next + 1;
                }
                if (next + 1 < to && bytes[next] == '\r' && bytes[next + 1] == '\n') {
                    return next + 2;
                }
            }
        }
        return -1;
    }

    /** Parses bytes[from, end), a whole head as {@link #end} found it. */
    static RequestHead parse(byte[] bytes, int from, int end) throws HttpError {
        List<String> lines = lines(bytes, from, end);
        String[] requestLine = lines.getFirst().split(" ", -1);
        if (requestLine.length != 3 || !isToken(requestLine[0], requestLine[0].length()) || requestLine[1].isEmpty()) {
            throw new HttpError(400, "Malformed request line");
        }
        boolean http10 = switch (requestLine[2]) {
            case "HTTP/1.1" -> false;
            case "HTTP/1.0" -> true;
            default -> throw new HttpError(505, "HTTP version not supported; use HTTP/1.1");
        };
        Map<String, String> headers = fields(lines);
        String target = requestLine[1];
        if (target.startsWith("http://") || target.startsWith("https://")) {
            // The absolute form: its authority replaces the Host header (RFC 9112, 3.2.2).
            URI uri = uri(target);
            if (uri.getRawAuthority() == null) {
                throw new HttpError(400, "Malformed request target");
            }
            headers.put("host", uri.getRawAuthority());
            target = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            target = uri.getRawQuery() == null ? target : target + "?" + uri.getRawQuery();
        } else if (!target.startsWith("/")) {
            throw new HttpError(400, "Malformed request target");
        }
        if (!http10 && !headers.containsKey("host")) {
            throw new HttpError(400, "An HTTP/1.1 request needs a Host header");
        }
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String path = rawPath.indexOf('%') < 0 ? rawPath : uri(rawPath).getPath();
        if (ambiguous(rawPath, path)) {
            throw new HttpError(400, "Ambiguous path: no encoded '/', '\\' or NUL, no '.' or '..' segments");
        }
        String query = question < 0 ? null : target.substring(question + 1);
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
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        // An HTTP/1.0 connection is closed after its answer, whatever it asked: keep-alive there is an extension.
        boolean keepAlive = !http10 && !connection.contains("close");
        return new RequestHead(requestLine[0], path, query, http10, headers, contentLength(length), chunked,
                expect != null && !http10, keepAlive);
    }

    /** The lines of a head, without their line ends and without the empty line that ends the head. */
    private static List<String> lines(byte[] bytes, int from, int end) {
        List<String> lines = new ArrayList<>(16);
        int start = from;
        for (int i = from; i < end; i++) {
            if (bytes[i] == '\n') {
                int stop = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                if (stop == start) {
                    break;
                }
                lines.add(new String(bytes, start, stop - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
            }
        }
        return lines;
    }

    private static Map<String, String> fields(List<String> lines) throws HttpError {
        Map<String, String> headers = new HashMap<>();
        if (lines.size() - 1 > MAX_FIELDS) {
            throw new HttpError(431, "Too many header fields");
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line, colon)) {
                throw new HttpError(400, "Malformed header field");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
                    throw new HttpError(400, "Control character in header " + name);
                }
            }
            String earlier = headers.get(name);
            if (earlier == null) {
                headers.put(name, value);
            } else if (name.equals("host") || (name.equals("content-length") && !earlier.equals(value))) {
                throw new HttpError(400, "Header " + name + " given twice");
            } else if (!name.equals("content-length")) {
                headers.put(name, earlier + ", " + value);
            }
        }
        return headers;
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

    /** A path that routes could read one way and a file system or another proxy another. */
    private static boolean ambiguous(String rawPath, String path) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
            return true;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static URI uri(String target) throws HttpError {
        try {
            return new URI(target);
        } catch (URISyntaxException e) {
            throw new HttpError(400, "Malformed request target");
        }
    }

    /** Whether text[0, end) is an RFC 9110 token: what a method or a field name is made of. */
    private static boolean isToken(String text, int end) {
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
