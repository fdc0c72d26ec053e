package dev.mcpproxy.desktop.backend;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.shared.ServerState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few calls the desktop makes to its sidecar's api port, on loopback, with the launch token. */
public final class SidecarClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final int apiPort;
    private final String token;

    public SidecarClient(int apiPort, String token) {
        this.apiPort = apiPort;
        this.token = token;
    }

    public String origin() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** The address that signs the window in: {@code GET /?token=} sets the cookie and goes on to the page. */
    public String signInAddress() {
        return origin() + "/?token=" + token;
    }

    /** Whether {@code GET /health} answers 200 within the timeout (both ports listen). */
    public boolean healthy(Duration timeout) {
        try {
            return send(HttpRequest.newBuilder(URI.create(origin() + "/health")).timeout(timeout).GET(), false)
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the sidecar on this port accepts this token: it is the one this token was made for. */
    public boolean acceptsToken() {
        try {
            return send(request("/api/servers").GET(), true).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code PUT /api/config}: its answer's status and body, as the UI would get them. */
    public HttpResponse<String> putConfig(String yaml) throws IOException {
        String body = Json.write(Json.object().put("yaml", yaml));
        return send(request("/api/config").timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)), true);
    }

    /**
     * How many servers are running or on their way (not stopped, not failed), for the words shown while quitting;
     * 0 when the sidecar does not say.
     */
    public int runningServers() {
        try {
            HttpResponse<String> answer = send(request("/api/servers").GET(), true);
            if (answer.statusCode() != 200) {
                return 0;
            }
            int running = 0;
            for (var server : Json.parse(answer.body())) {
                String state = server.path("state").asString("");
                boolean ended = state.equals(ServerState.STOPPED.wireName())
                        || state.equals(ServerState.FAILED.wireName());
                running += ended ? 0 : 1;
            }
            return running;
        } catch (IOException | Json.MalformedJsonException e) {
            return 0;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(5));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean authenticated) throws IOException {
        if (authenticated) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling the sidecar", e);
        }
    }
}
