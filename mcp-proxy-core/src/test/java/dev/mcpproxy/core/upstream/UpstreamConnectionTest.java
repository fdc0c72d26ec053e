package dev.mcpproxy.core.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.OrphanGuard;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.stdio.StdioTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The connection to a real child process that answers every request at once, except those named "never". */
class UpstreamConnectionTest {

    private static final String ANSWERER = """
            require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
              const message = JSON.parse(line);
              if (message.id !== undefined && message.method && message.method !== "never") {
                console.log(JSON.stringify({ jsonrpc: "2.0", id: message.id, result: { echoed: message.params } }));
              }
            });
            """;

    @TempDir
    Path dir;

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final OrphanGuard guard = new OrphanGuard();
    private UpstreamConnection connection;

    @BeforeEach
    void open() throws Exception {
        Path script = Files.writeString(dir.resolve("answerer.js"), ANSWERER);
        ServerConfig config = ConfigLoader.parse("servers:\n  - name: answerer\n    command: node\n    args: [\""
                + script + "\"]\n", dir.resolve("test.yaml")).config().servers().getFirst();
        LogRing logs = new LogRing(100);
        connection = new UpstreamConnection("answerer", new StdioTransport(config, logs, guard), logs,
                new InboundHandler() {
                    @Override
                    public void onRequest(UpstreamConnection from, ObjectNode request) {
                    }

                    @Override
                    public void onNotification(UpstreamConnection from, ObjectNode notification) {
                    }

                    @Override
                    public void onClosed(UpstreamConnection from, String reason) {
                    }
                }, timer);
        connection.open();
    }

    @AfterEach
    void close() {
        connection.close();
        guard.close();
        timer.shutdownNow();
    }

    @Test
    void answeredCallsLeaveNothingBehindOnTheTimer() throws Exception {
        for (int i = 0; i < 2000; i++) {
            ObjectNode params = Json.object().put("n", i);
            assertEquals(i, connection.call("echo", params, Duration.ofSeconds(60)).get(10, TimeUnit.SECONDS)
                    .path("echoed").path("n").asInt());
        }
        assertTrue(timer.getQueue().size() <= 1, "timer tasks queued: " + timer.getQueue().size());
    }

    @Test
    void aCallNotAnsweredInTimeFailsWithTheTimeoutAndTheOthersGoOn() throws Exception {
        CompletableFuture<JsonNode> never = connection.call("never", Json.object(), Duration.ofMillis(300));
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> never.get(10, TimeUnit.SECONDS));
        UpstreamException timedOut = (UpstreamException) failure.getCause();
        assertEquals(JsonRpc.REQUEST_TIMEOUT, timedOut.code());
        assertEquals("answerer did not answer never within 300 ms (request_timeout)", timedOut.getMessage());
        assertEquals(7, connection.call("echo", Json.object().put("n", 7), Duration.ofSeconds(60))
                .get(10, TimeUnit.SECONDS).path("echoed").path("n").asInt());
    }
}
