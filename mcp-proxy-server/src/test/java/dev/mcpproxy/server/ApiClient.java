package dev.mcpproxy.server;

import dev.mcpproxy.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** The management API over real HTTP, with the test sidecar's token unless told otherwise. */
public final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiUrl;

    public ApiClient(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    public record Answer(int status, String body, HttpResponse<String> response) {
        public JsonNode json() {
            try {
                return Json.parse(body);
            } catch (Json.MalformedJsonException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SidecarProcess.TOKEN);
    }

    public Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public Answer delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    public Answer post(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Answer put(String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Polls {@code GET path} until its JSON satisfies {@code condition}; fails after 30 s. */
    public JsonNode await(String path, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Answer answer = get(path);
            if (answer.status() == 200) {
                last = answer.json();
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("GET " + path + " never met the condition; last: " + last);
    }

    public static String yamlBody(String yaml) {
        return Json.write(Json.object().put("yaml", yaml));
    }
}
