package dev.mcpproxy.server.http1;

/**
 * What a request's head says, for the checks a handler makes before anything of the body is read
 * ({@link Http1Server.Handler#admit}) and after ({@link Http1Request}).
 */
public interface Http1Head {

    String method();

    /** The path, percent-decoded once (RFC 3986 as UTF-8); never holds an encoded '/', a '\\', NUL or dot segments. */
    String path();

    /** The query as sent, without the '?'; null when there is none. */
    String query();

    /** The value of a header, by any case of its name; a repeated header's values joined with ", "; null when absent. */
    String header(String name);
}
