package dev.mcpproxy.server.http1;

/**
 * The syntax of a Host header or a target's authority (RFC 9110 7.2, RFC 3986 3.2.2): a name, an IPv4 address or
 * a bracketed IPv6 address, then an optional port. No user information: {@code evil.com@127.0.0.1} names one host
 * to one reader and another to the next.
 */
final class Authority {

    private Authority() {
    }

    static boolean valid(String authority) {
        int hostEnd;
        if (authority.startsWith("[")) {
            hostEnd = authority.indexOf(']');
            if (hostEnd < 2 || !all(authority, 1, hostEnd, "0123456789abcdefABCDEF:.")) {
                return false;
            }
            hostEnd++;
        } else {
            hostEnd = authority.indexOf(':');
            hostEnd = hostEnd < 0 ? authority.length() : hostEnd;
            if (hostEnd == 0 && !authority.isEmpty() || !name(authority, hostEnd)) {
                return false;
            }
        }
        if (hostEnd == authority.length()) {
            return true;
        }
        // A port: at most five digits (RFC 3986 allows an empty one).
        return authority.charAt(hostEnd) == ':' && authority.length() - hostEnd - 1 <= 5
                && all(authority, hostEnd + 1, authority.length(), "0123456789");
    }

    /** A registered name or IPv4 address: letters, digits, '-', '.', '_', '~' (no escapes, no sub-delimiters). */
    private static boolean name(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~')) {
                return false;
            }
        }
        return true;
    }

    private static boolean all(String text, int from, int to, String allowed) {
        for (int i = from; i < to; i++) {
            if (allowed.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
