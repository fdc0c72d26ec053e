package dev.mcpproxy.server.http1;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiConsumer;

/** A test handler that admits every head and serves it with {@code serve}; its refusals carry the bare message. */
record AdmitAll(BiConsumer<Http1Request, Http1Exchange> serve) implements Http1Server.Handler {

    @Override
    public Optional<Http1Server.Refusal> admit(Http1Head head) {
        return Optional.empty();
    }

    @Override
    public void handle(Http1Request request, Http1Exchange exchange) {
        serve.accept(request, exchange);
    }

    @Override
    public byte[] errorBody(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }
}
