package dev.mcpproxy.core.upstream.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.config.ConfigLoader;
import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.json.RawMessage;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.OrphanGuard;
import dev.mcpproxy.core.upstream.UpstreamTransport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A stdio upstream on a real child (sh) whose output the proxy cannot use. */
class StdioTransportTest {

    private final OrphanGuard guard = new OrphanGuard();
    private StdioTransport transport;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        guard.close();
    }

    /** Hears what the transport reports; a message with "crash" makes its handling fail beyond recovery. */
    private static final class Listener implements UpstreamTransport.Listener {
        final List<String> unusable = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public void onMessage(JsonNode message) {
            if (message.has("crash")) {
                throw new StackOverflowError();
            }
        }

        @Override
        public void onRawResponse(long id, RawMessage response) {
        }

        @Override
        public void onUnusableAnswer(long id, Function<String, String> message) {
            unusable.add(id + ": " + message.apply("tools/call"));
        }

        @Override
        public void onClosed(String reason) {
            closed.complete(reason);
        }
    }

    private Listener start(String script) throws Exception {
        ServerConfig config = ConfigLoader.parse("servers:\n  - name: child\n    command: sh\n    args: [\"-c\", \""
                + script + "\"]\n", Path.of("test.yaml")).config().servers().getFirst();
        transport = new StdioTransport(config, new LogRing(100), guard);
        Listener listener = new Listener();
        transport.start(listener);
        return listener;
    }

    @Test
    void aServerWhoseOutputCannotBeReadAnyMoreIsEndedAndSaysWhy() throws Exception {
        Listener listener = start("echo '{\\\"crash\\\":1}'; sleep 30");
        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).isEqualTo("child was stopped: the proxy could no"
                + " longer read its output (child-stdout stopped reading: java.lang.StackOverflowError)");
        assertThat(transport.endedCleanly()).isFalse();
    }

    @Test
    void anAnswerThatIsNotJsonFailsTheRequestItNames() throws Exception {
        Listener listener = start("echo '{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"id\\\":4,\\\"result\\\":[oops]}'; sleep 30");
        assertThat(awaitUnusable(listener)).startsWith("4: child sent a malformed answer to tools/call: "
                + "unexpected 'o' at byte 34, where JSON has a value");
    }

    @Test
    void aLargeAnswerThatIsNotJsonIsCheckedBeforeItIsPassedOnAndFailsTheRequest() throws Exception {
        Listener listener = start("printf '{\\\"id\\\":6,\\\"result\\\":{\\\"t\\\":\\\"'; printf '%0300000d' 0;"
                + " printf '\\\",oops}}\\\\n'; sleep 30");
        assertThat(awaitUnusable(listener)).startsWith("6: child sent a malformed answer to tools/call: ");
    }

    private static String awaitUnusable(Listener listener) throws InterruptedException {
        for (int i = 0; i < 500 && listener.unusable.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(listener.unusable).hasSize(1);
        return listener.unusable.getFirst();
    }
}
