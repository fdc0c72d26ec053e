package dev.mcpproxy.server.http;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.router.ReplySink;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.JsonNode;

/**
 * The answer to one POSTed request on streamable HTTP. It stays a plain JSON response, the cheapest thing
 * for client and proxy, unless something must be sent before the answer (progress, a log line, a request
 * to the client); then it turns into an event stream that carries those and ends with the answer.
 */
final class HttpReplySink implements ReplySink {

    private final Response response;
    private final Callback exchange;
    private final boolean streamAllowed;
    private SseWriter stream;
    private boolean done;

    HttpReplySink(Response response, Callback exchange, boolean streamAllowed) {
        this.response = response;
        this.exchange = exchange;
        this.streamAllowed = streamAllowed;
    }

    @Override
    public synchronized boolean interim(JsonNode message) {
        if (done || !streamAllowed) {
            return false;
        }
        if (stream == null) {
            stream = SseWriter.open(response, exchange, () -> { });
        }
        return stream.sendMessage(message);
    }

    @Override
    public synchronized void reply(JsonNode message) {
        if (done) {
            return;
        }
        done = true;
        if (stream != null) {
            stream.sendMessage(message);
            stream.end();
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        ByteBuffer body = ByteBuffer.wrap(Json.writeBytes(message));
        AnswerThreadPool.answer(() -> response.write(true, body, exchange));
    }

    @Override
    public synchronized void abandon() {
        if (done) {
            return;
        }
        done = true;
        if (stream == null && streamAllowed) {
            stream = SseWriter.open(response, exchange, () -> { });
        }
        if (stream != null) {
            stream.end();
        } else {
            response.setStatus(204);
            response.write(true, ByteBuffer.allocate(0), exchange);
        }
    }
}
