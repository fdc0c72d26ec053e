package dev.mcpproxy.server.cli;

import dev.mcpproxy.core.config.Defaults;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.http.SessionHeaders;
import dev.mcpproxy.core.upstream.http.SseEventReader;
import dev.mcpproxy.server.clients.ProxyAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code mcp-proxy-server connect URL}: for clients that can only start stdio servers (Claude Desktop). JSON-RPC
 * lines from stdin go to the proxy's streamable HTTP endpoint; answers, and whatever the proxy sends on its own
 * (notifications, sampling requests), come back as lines on stdout. A failed request is answered with a JSON-RPC
 * error, never left hanging. The endpoint's bearer token comes from {@code MCP_PROXY_AUTH_TOKEN}, so that it is not
 * on a command line every local user can read; an {@code Authorization} given as {@code --header} wins over it.
 */
public final class ConnectBridge {

    private static final int CONNECTION_LOST = -32000;

    private final URI endpoint;
    private final List<String[]> headers;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean closing;

    private ConnectBridge(URI endpoint, List<String[]> headers, PrintStream out, PrintStream err) {
        this.endpoint = endpoint;
        this.headers = headers;
        this.out = out;
        this.err = err;
    }

    public static int run(CommandLine.Connect commandLine, Map<String, String> environment, InputStream in,
                          PrintStream out, PrintStream err) {
        URI endpoint;
        try {
            endpoint = URI.create(commandLine.url());
        } catch (IllegalArgumentException e) {
            endpoint = null;
        }
        if (endpoint == null || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
            err.println("mcp-proxy-server connect: give the proxy's MCP endpoint, e.g. http://127.0.0.1:3000/mcp");
            return CommandLine.EXIT_USAGE;
        }
        List<String[]> headers = new ArrayList<>();
        for (String header : commandLine.headers()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                err.println("mcp-proxy-server connect: --header takes 'Name: value', not \"" + header + "\"");
                return CommandLine.EXIT_USAGE;
            }
            headers.add(new String[] {header.substring(0, colon).strip(), header.substring(colon + 1).strip()});
        }
        String token = environment.getOrDefault(ProxyAddress.BRIDGE_TOKEN, "").strip();
        if (!token.isEmpty() && headers.stream().noneMatch(header -> header[0].equalsIgnoreCase("Authorization"))) {
            headers.add(new String[] {"Authorization", "Bearer " + token});
        }
        return new ConnectBridge(endpoint, headers, out, err).relay(in);
    }

    private int relay(InputStream in) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    forward(line);
                }
            }
        } catch (IOException e) {
            err.println("mcp-proxy-server connect: stdin failed: " + e.getMessage());
        }
        closing = true;
        endSession();
        return 0;
    }

    private void forward(String line) {
        JsonNode message;
        try {
            message = Json.parse(line);
        } catch (Json.MalformedJsonException e) {
            emit(JsonRpc.error(Json.text(null), JsonRpc.PARSE_ERROR, "Parse error: " + e.getMessage()));
            return;
        }
        boolean request = JsonRpc.kind(message) == JsonRpc.Kind.REQUEST;
        if (request && JsonRpc.method(message).equals("initialize")) {
            post(message, line);
        } else if (request) {
            Thread.ofVirtual().name("connect-request").start(() -> post(message, line));
        } else {
            post(message, line);
            if (JsonRpc.method(message).equals("notifications/initialized")) {
                Thread.ofVirtual().name("connect-stream").start(this::listen);
            }
        }
    }

    /** POSTs one message and relays what comes back; for a request, an error answer when nothing usable did. */
    private void post(JsonNode message, String line) {
        JsonNode id = message.get("id");
        boolean request = JsonRpc.kind(message) == JsonRpc.Kind.REQUEST;
        HttpRequest.Builder builder = withHeaders(HttpRequest.newBuilder(endpoint))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(line));
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.headers().firstValue("Mcp-Session-Id").ifPresent(session -> sessionId = session);
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() >= 400) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                if (request) {
                    emit(JsonRpc.error(id, CONNECTION_LOST, "The proxy answered HTTP " + response.statusCode()
                            + ": " + errorText(body)));
                }
            } else if (type.startsWith("text/event-stream")) {
                readEvents(response.body());
            } else if (type.startsWith("application/json")) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                relayBody(body);
            } else {
                response.body().close();
            }
        } catch (IOException e) {
            if (request) {
                emit(JsonRpc.error(id, CONNECTION_LOST, "Could not reach the proxy at " + endpoint + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The standing stream of messages the proxy starts (GET); a proxy that offers none answers 405. */
    private void listen() {
        long backoff = 500;
        while (!closing) {
            try {
                HttpResponse<InputStream> response = http.send(withHeaders(HttpRequest.newBuilder(endpoint))
                        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 405 || response.statusCode() == 404) {
                    response.body().close();
                    return;
                }
                if (response.statusCode() < 300) {
                    backoff = 500;
                    readEvents(response.body());
                } else {
                    response.body().close();
                }
            } catch (IOException e) {
                // The proxy went away or restarted; try again below while the client is still here.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    /**
     * The proxy bounds what it sends by its max_message_size, which the bridge does not know: it takes events up to
     * the largest the proxy can be configured with.
     */
    private void readEvents(InputStream body) throws IOException {
        SseEventReader.read(body, Defaults.MAX_MESSAGE_SIZE_MIB_LIMIT << 20, event -> relayBody(event.data()),
                size -> err.println("mcp-proxy-server connect: the proxy sent an event of " + size
                        + " bytes, more than the bridge carries; ignored"));
    }

    private void relayBody(String body) {
        JsonNode message;
        try {
            message = Json.parse(body);
        } catch (Json.MalformedJsonException e) {
            err.println("mcp-proxy-server connect: the proxy sent something that is not JSON; ignored");
            return;
        }
        if (message.isArray()) {
            message.forEach(this::emit);
        } else {
            emit(message);
        }
    }

    private void emit(JsonNode message) {
        if (message.path("result").has("protocolVersion") && message.path("result").has("serverInfo")) {
            protocolVersion = message.path("result").path("protocolVersion").asString();
        }
        String line = Json.write(message);
        synchronized (out) {
            out.print(line);
            out.print('\n');
            out.flush();
        }
    }

    private void endSession() {
        if (sessionId == null) {
            return;
        }
        try {
            http.send(withHeaders(HttpRequest.newBuilder(endpoint)).timeout(Duration.ofSeconds(5)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // The proxy is gone; its session went with it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest.Builder withHeaders(HttpRequest.Builder builder) {
        for (String[] header : headers) {
            builder.header(header[0], header[1]);
        }
        return SessionHeaders.add(builder, sessionId, protocolVersion);
    }

    private static String errorText(String body) {
        try {
            JsonNode parsed = Json.parse(body);
            String message = parsed.path("error").path("message").asString(parsed.path("error").asString(""));
            return message.isEmpty() ? body : message;
        } catch (Json.MalformedJsonException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }
}
