package dev.mcpproxy.core.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.TransportFactory;
import dev.mcpproxy.core.upstream.UpstreamTransport;
import dev.mcpproxy.shared.ServerState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors (not exceptions) thrown where a server is started and pinged: what the sidecar met under memory pressure
 * (OutOfMemoryError, LinkageError), thrown here by a transport on purpose. The server must end in a state that says
 * so, never stay "starting" or "running" because the thread that served it died.
 */
class ServerSupervisorTest {

    private static final String CONFIG = """
            health_check: {enabled: true, interval: 0.1, timeout: 0.1}
            servers:
              - name: fragile
                command: unused
                restart: {policy: never}
            """;

    private ProxyRuntime runtime;

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aStartThatThrowsAnErrorEndsFailedWithTheError() throws Exception {
        runtime = runtime((config, logs) -> {
            throw new LinkageError("a class could not be loaded");
        });
        runtime.start();
        ServerStatus status = await(s -> s.state() != ServerState.STARTING);
        assertEquals(ServerState.FAILED, status.state());
        assertTrue(status.lastError().orElse("").contains("java.lang.LinkageError: a class could not be loaded"),
                status.toString());
    }

    @Test
    void aHealthCheckThatThrowsAnErrorCountsAsAMissedPing() throws Exception {
        runtime = runtime((config, logs) -> new AnswersTheHandshakeOnly());
        runtime.start();
        ServerStatus status = await(s -> s.state() == ServerState.FAILED);
        assertTrue(status.lastError().orElse("").contains("could not be pinged: java.lang.StackOverflowError"),
                status.toString());
    }

    private static ProxyRuntime runtime(TransportFactory transports) throws Exception {
        return new ProxyRuntime(ConfigLoader.parse(CONFIG, Path.of("test.yaml")).config(), transports,
                (server, state, detail) -> { }, "test");
    }

    private ServerStatus await(Predicate<ServerStatus> condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        ServerStatus status = runtime.supervisor("fragile").orElseThrow().status();
        while (!condition.test(status) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            status = runtime.supervisor("fragile").orElseThrow().status();
        }
        assertTrue(condition.test(status), "never reached: " + status);
        return status;
    }

    /** Completes the handshake with no lists; a ping throws. */
    private static final class AnswersTheHandshakeOnly implements UpstreamTransport {
        private Listener listener;

        @Override
        public void start(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void send(JsonNode message, byte[] json) {
            switch (JsonRpc.method(message)) {
                case "initialize" -> {
                    ObjectNode result = Json.object().put("protocolVersion", "2025-11-25");
                    result.putObject("capabilities");
                    listener.onMessage(JsonRpc.result(message.get("id"), result));
                }
                case "ping" -> throw new StackOverflowError();
                default -> { }
            }
        }

        @Override
        public void close() {
        }

        @Override
        public OptionalLong pid() {
            return OptionalLong.empty();
        }
    }
}
