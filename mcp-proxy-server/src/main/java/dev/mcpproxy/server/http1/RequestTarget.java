package dev.mcpproxy.server.http1;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one reading of a request target (RFC 9112 3.2) that routing, guards and logs share: the origin form
 * {@code /path?query}, or the absolute form {@code http://host/path?query} read by hand (no userinfo), with the
 * path percent-decoded exactly once as UTF-8. Whatever another parser could read differently is refused.
 *
 * @param authority the absolute form's host and port, which replaces the Host header; null for the origin form
 */
record RequestTarget(String authority, String path, String query) {

    private static final String AMBIGUOUS = "Ambiguous path: no encoded '/', no '\\', NUL or control characters, "
            + "no '.' or '..' segments";

    /** Reads a target whose characters {@link RequestHead} has checked are visible ASCII. */
    static RequestTarget parse(String target) throws HttpError {
        String authority = null;
        String rest = target;
        int schemeEnd = schemeEnd(target);
        if (schemeEnd > 0) {
            int end = schemeEnd;
            while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
                end++;
            }
            authority = target.substring(schemeEnd, end);
            if (authority.isEmpty() || !Authority.valid(authority)) {
                throw new HttpError(400, "Malformed request target: its host must be a name or address and a port, "
                        + "without user information");
            }
            rest = end == target.length() ? "/" : target.charAt(end) == '?' ? "/" + target.substring(end)
                    : target.substring(end);
        } else if (!target.startsWith("/")) {
            throw new HttpError(400, "Malformed request target");
        }
        if (rest.indexOf('#') >= 0) {
            throw new HttpError(400, "Malformed request target: a fragment is not sent in a request");
        }
        int question = rest.indexOf('?');
        String rawPath = question < 0 ? rest : rest.substring(0, question);
        String path = decode(rawPath);
        if (hasDotSegment(path)) {
            throw new HttpError(400, AMBIGUOUS);
        }
        return new RequestTarget(authority, path, question < 0 ? null : rest.substring(question + 1));
    }

    /** The index after {@code http://} or {@code https://} (any case), or -1 when the target has no such scheme. */
    private static int schemeEnd(String target) {
        if (target.regionMatches(true, 0, "http://", 0, 7)) {
            return 7;
        }
        return target.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
    }

    /** Decodes %XX escapes once; a path without '%' is returned as it is (the common case, no copy). */
    private static String decode(String raw) throws HttpError {
        if (raw.indexOf('\\') >= 0) {
            throw new HttpError(400, AMBIGUOUS);
        }
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes[length++] = (byte) c;
                continue;
            }
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
            if (low < 0) {
                throw new HttpError(400, "Malformed path: '%' must start an escape of two hex digits");
            }
            int decoded = high << 4 | low;
            if (decoded == '/' || decoded == '\\' || decoded < 0x20 || decoded == 0x7f) {
                throw new HttpError(400, AMBIGUOUS);
            }
            bytes[length++] = (byte) decoded;
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new HttpError(400, "Malformed path: its escapes are not UTF-8");
        }
    }

    private static boolean hasDotSegment(String path) {
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int length = end - start;
            if ((length == 1 || length == 2) && path.charAt(start) == '.' && path.charAt(end - 1) == '.') {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}
