package dev.mcpproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client that cancels a call it made (notifications/cancelled with the call's own id, numeric or a string) ends
 * that call at once: the proxy maps the id to the upstream's and stops waiting, long before the tool would finish.
 */
class ClientCancellationTest {

    @Test
    void aCancelledCallEndsAtOnceWhateverTheKindOfItsId() throws Exception {
        try (SidecarProcess sidecar = SidecarProcess.start(Files.createTempDirectory(Path.of("target"), "cancel-"),
                "servers:\n" + SidecarProcess.demoEntry("demo"))) {
            sidecar.awaitRunning(1);
            RawMcpSession client = RawMcpSession.open(sidecar.baseUrl + "/mcp");
            for (JsonNode id : new JsonNode[] {Json.text("call-7"), Json.number(7), Json.text("7")}) {
                ObjectNode call = Json.object().put("jsonrpc", "2.0").put("method", "tools/call");
                call.set("id", id);
                call.putObject("params").put("name", "demo__count_slowly").putObject("arguments").put("to", 20);
                long started = System.nanoTime();
                CompletableFuture<HttpResponse<String>> answer = client.postAsync(call);
                Thread.sleep(500);
                assertThat(answer).as("the call with id " + id + " runs for 4 s").isNotDone();
                ObjectNode cancel = Json.object().put("jsonrpc", "2.0").put("method", "notifications/cancelled");
                cancel.putObject("params").put("reason", "test").set("requestId", id);
                assertThat(client.postAsync(cancel).get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
                HttpResponse<String> ended = answer.get(2, TimeUnit.SECONDS);
                assertThat(ended.body()).as("id " + id).doesNotContain("counted to");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3000);
            }
        }
    }
}
