package dev.mcpproxy.server.sidecar;

import dev.mcpproxy.server.cli.CommandLine;
import dev.mcpproxy.server.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mcp-proxy-server --aot-training}: starts the proxy with one stdio server (a few lines of POSIX sh), serves
 * itself the requests a client and the desktop make first, a tools/call through that server among them, and exits.
 * Run under {@code -XX:AOTCacheOutput} (the launcher does, once per build), it leaves an ahead-of-time cache of loaded
 * and linked classes that halves the time from spawn to a ready /health; with a server in the training, the classes
 * a server's start needs (its entry's parsing, the spawn, the pipes' readers, the handshake, the lists) are in it too,
 * and the servers' tools are usable sooner.
 */
final class AotTraining {

    private static final Pattern URL = Pattern.compile("(http://\\S+)/(mcp|health)\\b");
    private static final Pattern SESSION = Pattern.compile("(?im)^Mcp-Session-Id:(.*)$");

    /**
     * The training's server: answers initialize, tools/list (one tool) and tools/call, and "method not found" to any
     * other request; the id is taken from where the proxy writes it, first in the line.
     */
    private static final String SERVER = """
            while IFS= read -r line; do
              case "$line" in *'"id":'*) id="${line#*\\"id\\":}"; id="${id%%[,\\}]*}" ;; *) continue ;; esac
              case "$line" in
                *'"method":"initialize"'*) r='{"protocolVersion":"2025-11-25","capabilities":{"tools":{}},\
            "serverInfo":{"name":"aot-training","version":"1"}}' ;;
                *'"method":"tools/list"'*) r='{"tools":[{"name":"echo","description":"Echoes its text",\
            "inputSchema":{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}}]}' ;;
                *'"method":"tools/call"'*) r='{"content":[{"type":"text","text":"echo"}]}' ;;
                *) printf '{"jsonrpc":"2.0","id":%s,"error":{"code":-32601,"message":"Method not found"}}\\n' "$id"
                   continue ;;
              esac
              printf '{"jsonrpc":"2.0","id":%s,"result":%s}\\n' "$id" "$r"
            done
            """;

    private AotTraining() {
    }

    static int run(PrintStream err) {
        try {
            Path server = Files.createTempFile("mcp-proxy-aot-training", ".sh");
            Files.writeString(server, SERVER);
            Path config = Files.createTempFile("mcp-proxy-aot-training", ".yaml");
            Files.writeString(config, "servers:\n  - name: training\n    command: sh\n    args: [\"" + server + "\"]\n");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--port", "0", "--api-port",
                    "0"));
            // As the desktop starts it: the classes and method handles of the parent-death signal's FFM call belong
            // in the cache too (linking the call took ~50 ms without them, ~25 ms with).
            ProcessHandle.current().parent().ifPresent(parent -> args.addAll(List.of("--parent-pid",
                    Long.toString(parent.pid()))));
            int started = Sidecar.run((CommandLine.Run) CommandLine.parse(args.toArray(String[]::new)),
                    new PrintStream(printed, true, StandardCharsets.UTF_8), err);
            Files.delete(config);
            if (started != Sidecar.KEEP_RUNNING) {
                Files.delete(server);
                return started;
            }
            exercise(printed.toString(StandardCharsets.UTF_8));
            Files.delete(server);
            return 0;
        } catch (IOException | UsageException e) {
            err.println("mcp-proxy-server: AOT training failed: " + e.getMessage());
            return 1;
        }
    }

    private static void exercise(String printed) throws IOException {
        URI mcp = null;
        URI api = null;
        for (Matcher m = URL.matcher(printed); m.find(); ) {
            if (m.group(2).equals("mcp")) {
                mcp = URI.create(m.group(1));
            } else {
                api = URI.create(m.group(1));
            }
        }
        awaitReady(api);
        String initialized = exchange(mcp, "POST", "/mcp", null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
                "capabilities":{},"clientInfo":{"name":"aot-training","version":"1"}}}""");
        Matcher id = SESSION.matcher(initialized);
        if (!id.find()) {
            throw new IOException("initialize gave no session: " + initialized);
        }
        String session = id.group(1).strip();
        exchange(mcp, "POST", "/mcp", session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        exchange(mcp, "POST", "/mcp", session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        String called = exchange(mcp, "POST", "/mcp", session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"training__echo\",\"arguments\":{\"text\":\"a\"}}}");
        if (!called.contains("\"result\"")) {
            throw new IOException("tools/call through the training's server answered " + called);
        }
        exchange(mcp, "POST", "/mcp", session,
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}");
        String deleted = exchange(mcp, "DELETE", "/mcp", session, null);
        if (!deleted.startsWith("HTTP/1.1 200")) {
            throw new IOException("DELETE /mcp answered " + deleted.lines().findFirst().orElse(""));
        }
    }

    /** Polls /health until the training's server is usable. */
    private static void awaitReady(URI api) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!exchange(api, "GET", "/health", null, null).contains("\"ready\":true")) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the training's server did not start within 10 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /**
     * One HTTP/1.1 request on its own connection; the whole response as text. A plain socket rather than
     * {@code java.net.http}: whatever the training loads goes into the cache and is loaded at every start, and the
     * proxy itself never needs an HTTP client unless a server is remote.
     */
    private static String exchange(URI base, String method, String path, String session, String body)
            throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n")
                    .append("Content-Length: ").append(content.length).append("\r\n");
        }
        if (session != null) {
            head.append("Mcp-Session-Id: ").append(session).append("\r\n");
        }
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
