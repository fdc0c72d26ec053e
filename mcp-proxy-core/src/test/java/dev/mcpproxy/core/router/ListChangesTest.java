package dev.mcpproxy.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.UpstreamTransport;
import dev.mcpproxy.shared.ServerState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * When clients are told that the tools changed: only when what they would list is different from what they were
 * last told about. An upstream that says its list changed and sends the same one costs them nothing.
 */
class ListChangesTest {

    private final ToolsUpstream upstream = new ToolsUpstream();
    private final List<ListKind> announced = new CopyOnWriteArrayList<>();
    private ProxyRuntime runtime;

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aReloadThatBringsTheSameToolsTellsClientsNothingAndOneThatChangesThemTellsThemOnce() throws Exception {
        runtime = new ProxyRuntime(ConfigLoader.parse("servers:\n  - name: up\n    command: unused\n",
                Path.of("test.yaml")).config(), (config, logs) -> upstream, (server, state, detail) -> { }, "test");
        runtime.start();
        await(() -> runtime.aggregate().catalog().snapshot().list(ListKind.TOOLS).items().size() == 1);
        awaitRunning();
        runtime.aggregate().whenListChanged(announced::add);

        upstream.toolsChanged();
        await(() -> upstream.toolLists.get() == 2);
        Thread.sleep(200);
        assertEquals(List.of(), announced);

        upstream.tools.add("second");
        upstream.toolsChanged();
        await(() -> announced.contains(ListKind.TOOLS));
        assertEquals(List.of(ListKind.TOOLS), announced);
        assertEquals(2, runtime.aggregate().catalog().snapshot().list(ListKind.TOOLS).items().size());
    }

    @Test
    void aServerWithToolsAloneComingUpTellsClientsAboutToolsAlone() throws Exception {
        runtime = new ProxyRuntime(ConfigLoader.parse("servers:\n  - name: up\n    command: unused\n",
                Path.of("test.yaml")).config(), (config, logs) -> new ToolsUpstream(), (server, state, detail) -> { },
                "test");
        runtime.start();
        await(() -> runtime.aggregate().catalog().snapshot().list(ListKind.TOOLS).items().size() == 1);
        awaitRunning();
        runtime.aggregate().whenListChanged(announced::add);

        runtime.apply(ConfigLoader.parse("servers:\n  - name: up\n    command: unused\n"
                + "  - name: another\n    command: unused\n", Path.of("test.yaml")).config());
        await(() -> runtime.aggregate().catalog().snapshot().list(ListKind.TOOLS).items().size() == 2);
        Thread.sleep(200);
        assertEquals(List.of(ListKind.TOOLS), announced);
    }

    /** Clients are told of a server's first lists before it is reported running; what this test hears comes after. */
    private void awaitRunning() throws InterruptedException {
        await(() -> runtime.supervisor("up").orElseThrow().status().state() == ServerState.RUNNING);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), "condition never met");
    }

    /** Answers the handshake and tools/list with its tools; says when they changed. */
    private static final class ToolsUpstream implements UpstreamTransport {
        final List<String> tools = new CopyOnWriteArrayList<>(List.of("first"));
        final AtomicInteger toolLists = new AtomicInteger();
        private volatile Listener listener;

        void toolsChanged() {
            listener.onMessage(JsonRpc.notification("notifications/tools/list_changed", null));
        }

        @Override
        public void start(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void send(JsonNode message, byte[] json) {
            ObjectNode result = Json.object();
            switch (JsonRpc.method(message)) {
                case "initialize" -> {
                    result.put("protocolVersion", "2025-11-25").putObject("capabilities").putObject("tools");
                }
                case "tools/list" -> {
                    tools.forEach(name -> result.withArray("tools").addObject().put("name", name));
                    toolLists.incrementAndGet();
                }
                default -> {
                    return;
                }
            }
            listener.onMessage(JsonRpc.result(message.get("id"), result));
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
