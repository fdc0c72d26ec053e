package dev.mcpproxy.server.http1;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.x request, read whole: the body has arrived before the handler sees the request.
 *
 * @param headers by lower-case name; a repeated header's values joined with ", "
 */
public record Http1Request(String method, String path, String query, boolean http10, Map<String, String> headers,
                           byte[] body) implements Http1Head {

    @Override
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The first value of a query parameter, decoded; null when absent or undecodable. */
    public String queryParameter(String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                try {
                    return URLDecoder.decode(equals < 0 ? "" : pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
