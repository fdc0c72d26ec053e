package dev.mcpproxy.core.upstream.http;

import dev.mcpproxy.core.upstream.auth.UpstreamAuthorization;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Supplier;

/** Sends a request with the server's Authorization, and once more after a 401 when the authorization renewed. */
final class AuthorizedRequests {

    private AuthorizedRequests() {
    }

    /** @param request makes the request afresh, for the retry */
    static HttpResponse<InputStream> send(HttpClient http, UpstreamAuthorization authorization,
            Supplier<HttpRequest.Builder> request) throws IOException, InterruptedException {
        Optional<String> sent = authorization.header();
        HttpResponse<InputStream> response = http.send(authorized(request.get(), sent),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 401) {
            return response;
        }
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        boolean retry;
        try {
            retry = authorization.unauthorized(sent, challenge);
        } catch (IOException e) {
            response.body().close();
            throw e;
        }
        if (!retry) {
            return response;
        }
        response.body().close();
        return http.send(authorized(request.get(), authorization.header()), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static HttpRequest authorized(HttpRequest.Builder builder, Optional<String> header) {
        header.ifPresent(value -> builder.setHeader("Authorization", value));
        return builder.build();
    }
}
