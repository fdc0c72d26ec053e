package dev.mcpproxy.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mcp-proxy-server --aot-training}: starts the proxy with no servers, serves itself the requests a client and
 * the desktop make first, and exits. Run under {@code -XX:AOTCacheOutput} (the launcher does, once per build), it
 * leaves an ahead-of-time cache of loaded and linked classes that halves the time from spawn to a ready /health.
 */
final class AotTraining {

    private static final Pattern URL = Pattern.compile("(http://\\S+)/(mcp|health)\\b");

    private AotTraining() {
    }

    static int run(PrintStream err) {
        try {
            Path config = Files.createTempFile("mcp-proxy-aot-training", ".yaml");
            Files.writeString(config, "servers: []\n");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int started = Sidecar.run(CommandLine.parse(new String[] {"--config", config.toString(), "--port", "0",
                    "--api-port", "0"}), new PrintStream(printed, true, StandardCharsets.UTF_8), err);
            Files.delete(config);
            if (started != Sidecar.KEEP_RUNNING) {
                return started;
            }
            exercise(printed.toString(StandardCharsets.UTF_8));
            return 0;
        } catch (IOException | CommandLine.UsageException e) {
            err.println("mcp-proxy-server: AOT training failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void exercise(String printed) throws IOException, InterruptedException {
        String mcp = null;
        String api = null;
        for (Matcher m = URL.matcher(printed); m.find(); ) {
            if (m.group(2).equals("mcp")) {
                mcp = m.group(1);
            } else {
                api = m.group(1);
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        http.send(HttpRequest.newBuilder(URI.create(api + "/health")).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> initialized = post(http, mcp, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
                "capabilities":{},"clientInfo":{"name":"aot-training","version":"1"}}}""");
        String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(http, mcp, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        post(http, mcp, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        post(http, mcp, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}");
        HttpResponse<Void> deleted = http.send(HttpRequest.newBuilder(URI.create(mcp + "/mcp"))
                .header("Mcp-Session-Id", session).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        if (deleted.statusCode() != 200) {
            throw new IOException("DELETE /mcp answered " + deleted.statusCode());
        }
    }

    private static HttpResponse<String> post(HttpClient http, String base, String session, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
