package dev.mcpproxy.server.http1;

/** A request the server will not serve: the status to answer with and a short reason, after which it closes. */
final class HttpError extends Exception {

    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
