package dev.mcpproxy.server.http1;

/**
 * {@code If-None-Match} against a response's entity tag (RFC 9110 13.1.2): {@code *} matches any, else the list's
 * tags are compared weakly (a {@code W/} prefix on either side is ignored). A list that cannot be read matches
 * nothing, so the full response is sent: the safe side of a conditional request.
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** Whether {@code ifNoneMatch} holds {@code tag} (given with its quotes, as sent in {@code ETag}). */
    public static boolean noneMatchFails(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String header = ifNoneMatch.strip();
        if (header.equals("*")) {
            return true;
        }
        String wanted = opaque(tag);
        int at = 0;
        while (at < header.length()) {
            char c = header.charAt(at);
            if (c == ' ' || c == '\t' || c == ',') {
                at++;
                continue;
            }
            if (header.startsWith("W/", at)) {
                at += 2;
            }
            if (at >= header.length() || header.charAt(at) != '"') {
                return false;
            }
            int end = header.indexOf('"', at + 1);
            if (end < 0) {
                return false;
            }
            if (header.substring(at, end + 1).equals(wanted)) {
                return true;
            }
            at = end + 1;
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
