package dev.mcpproxy.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class JsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The hand-written id writer must write what Jackson writes, byte for byte, for every kind of id. */
    @Test
    void anIdIsWrittenAsJacksonWritesIt() throws Exception {
        List<JsonNode> ids = List.of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(7), NODES.numberNode(BigInteger.TWO.pow(70)),
                NODES.numberNode(1.5), NODES.stringNode(""), NODES.stringNode("abc"),
                NODES.stringNode("quote \" backslash \\ newline \n tab \t nul \u0000 bell \u0007"),
                NODES.stringNode("é ü 日本 😀"), NODES.nullNode(), Json.parse("12"), Json.parse("\"parsed\""));
        for (JsonNode id : ids) {
            assertThat(new String(Json.writeIdBytes(id), StandardCharsets.UTF_8)).as(id.toString())
                    .isEqualTo(new String(Json.writeBytes(id), StandardCharsets.UTF_8));
        }
    }
}
