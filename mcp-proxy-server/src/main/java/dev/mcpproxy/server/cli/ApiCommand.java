package dev.mcpproxy.server.cli;

import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.api.ApiToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * {@code servers}, {@code start NAME}, {@code stop NAME}, {@code restart NAME}, {@code logs NAME [-f]}, {@code login
 * NAME}: the management
 * API from a terminal. The api port comes from {@code --api-port}, else the configuration file's, else 3001; the
 * token from {@code MCP_PROXY_TOKEN}, else the file the sidecar on that port wrote.
 */
public final class ApiCommand {

    /** As long as the sidecar keeps a sign-in waiting for its browser. */
    private static final Duration SIGN_IN_WAIT = Duration.ofMinutes(15);

    private ApiCommand() {
    }

    public static int run(CommandLine.Api commandLine, PrintStream out, PrintStream err) {
        int port;
        try {
            port = apiPort(commandLine);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return CommandLine.EXIT_USAGE;
        }
        String base = "http://127.0.0.1:" + port;
        String token = ApiToken.find(System.getenv(), port).orElse(null);
        if (token == null) {
            err.println("mcp-proxy-server: no token for the API on port " + port + ": set " + ApiToken.ENVIRONMENT_VARIABLE
                    + " or start the sidecar on that port (it writes " + ApiToken.fileFor(System.getenv(), port) + ")");
            return 1;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String name = commandLine.server().orElse("");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
        try {
            return switch (commandLine.verb()) {
                case "servers" -> servers(http, base, token, out, err);
                case "logs" -> logs(http, base, token, encoded, commandLine.follow(), out, err);
                case "login" -> login(http, base, token, encoded, out, err);
                default -> action(http, base, token, encoded, commandLine.verb(), out, err);
            };
        } catch (ConnectException e) {
            err.println("mcp-proxy-server: nothing answers on " + base + "; is the sidecar running with api port "
                    + port + "?");
            return 1;
        } catch (IOException e) {
            err.println("mcp-proxy-server: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int apiPort(CommandLine.Api commandLine) throws ConfigException {
        if (commandLine.apiPort().isPresent()) {
            return commandLine.apiPort().getAsInt();
        }
        Path file = commandLine.config().orElse(Path.of(CommandLine.DEFAULT_CONFIG));
        if (commandLine.config().isPresent() || Files.exists(file)) {
            return ConfigLoader.load(file).config().apiPort();
        }
        return 3001;
    }

    private static HttpRequest.Builder request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
    }

    private static JsonNode call(HttpClient http, HttpRequest request, PrintStream err)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = Json.parse(response.body());
        } catch (Json.MalformedJsonException e) {
            err.println("mcp-proxy-server: unexpected answer (" + response.statusCode() + ")");
            return null;
        }
        if (response.statusCode() >= 400) {
            err.println("mcp-proxy-server: " + body.path("error").asString("HTTP " + response.statusCode()));
            return null;
        }
        return body;
    }

    private static int servers(HttpClient http, String base, String token, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        JsonNode servers = call(http, request(base + "/api/servers", token).build(), err);
        if (servers == null) {
            return 1;
        }
        out.printf("%-24s %-12s %-8s %-6s %-8s %s%n", "NAME", "STATE", "PID", "TOOLS", "RESTARTS", "LAST ERROR");
        for (JsonNode s : servers) {
            out.printf("%-24s %-12s %-8s %-6d %-8d %s%n", s.path("name").asString(), s.path("state").asString(),
                    s.path("pid").isNull() ? "-" : s.path("pid").asString(), s.path("tools_count").asInt(),
                    s.path("restarts").asInt(), s.path("last_error").isNull() ? "" : s.path("last_error").asString());
        }
        return 0;
    }

    private static int action(HttpClient http, String base, String token, String name, String verb, PrintStream out,
                              PrintStream err) throws IOException, InterruptedException {
        JsonNode server = call(http, request(base + "/api/servers/" + name + "/" + verb, token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), err);
        if (server == null) {
            return 1;
        }
        out.println(server.path("name").asString() + " is " + server.path("state").asString());
        return 0;
    }

    /**
     * Starts a sign-in, prints the browser's address, and asks for the server's state until it runs: polling once a
     * second is plain and enough for a person's sign-in, where the event stream would need its parsing and its
     * reconnects. Gives up when the sign-in has lapsed on the sidecar's side too.
     */
    private static int login(HttpClient http, String base, String token, String name, PrintStream out,
                             PrintStream err) throws IOException, InterruptedException {
        JsonNode started = call(http, request(base + "/api/servers/" + name + "/sign-in", token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), err);
        if (started == null) {
            return 1;
        }
        out.println("Open this address in a browser to sign in:");
        out.println("  " + started.path("url").asString());
        out.println("Waiting for the sign-in...");
        out.flush();
        Instant deadline = Instant.now().plus(SIGN_IN_WAIT);
        boolean leftSignIn = false;
        while (Instant.now().isBefore(deadline)) {
            JsonNode server = call(http, request(base + "/api/servers/" + name, token).build(), err);
            if (server == null) {
                return 1;
            }
            String state = server.path("state").asString();
            leftSignIn |= !state.equals("needs-sign-in");
            if (state.equals("running")) {
                out.println(server.path("name").asString() + " is signed in and running, "
                        + server.path("tools_count").asInt() + " tools");
                return 0;
            }
            if (leftSignIn && (state.equals("failed") || state.equals("needs-sign-in"))) {
                err.println("mcp-proxy-server: " + server.path("name").asString() + " is " + state + ": "
                        + server.path("last_error").asString(""));
                return 1;
            }
            Thread.sleep(1000);
        }
        err.println("mcp-proxy-server: the sign-in was not finished within " + SIGN_IN_WAIT.toMinutes()
                + " minutes; run login again");
        return 1;
    }

    private static int logs(HttpClient http, String base, String token, String name, boolean follow, PrintStream out,
                            PrintStream err) throws IOException, InterruptedException {
        // Following subscribes before it reads the tail, so that no line falls between the two; lines in both are
        // told apart by their sequence number.
        HttpResponse<InputStream> stream = null;
        if (follow) {
            stream = http.send(request(base + "/api/events?types=log&logs=" + name, token).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        }
        try (InputStream body = stream == null ? null : stream.body()) {
            JsonNode logs = call(http, request(base + "/api/logs/" + name + "?lines=100", token).build(), err);
            if (logs == null) {
                return 1;
            }
            logs.path("lines").forEach(line -> out.println(line.path("text").asString()));
            out.flush();
            if (stream != null && stream.statusCode() != 200) {
                err.println("mcp-proxy-server: the event stream answered HTTP " + stream.statusCode());
                return 1;
            }
            return body == null ? 0
                    : follow(body, logs.path("server").asString(), logs.path("next").asLong(), out, err);
        }
    }

    /**
     * Prints the log lines of {@code server} as they arrive, until the stream ends: from the one numbered
     * {@code next}, then every one (a server removed and added again numbers its lines from 0).
     */
    private static int follow(InputStream body, String server, long next, PrintStream out, PrintStream err)
            throws IOException {
        BufferedReader events = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        boolean pastTheTail = false;
        try {
            for (String line = events.readLine(); line != null; line = events.readLine()) {
                if (!line.startsWith("data: ")) {
                    continue;
                }
                JsonNode event = Json.parse(line.substring(6));
                JsonNode data = event.path("data");
                if (event.path("type").asString().equals("log") && data.path("server").asString().equals(server)
                        && (pastTheTail || data.path("seq").asLong() >= next)) {
                    pastTheTail = true;
                    out.println(data.path("text").asString());
                    out.flush();
                }
            }
        } catch (Json.MalformedJsonException e) {
            err.println("mcp-proxy-server: unexpected event: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
