package dev.mcpproxy.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import tools.jackson.databind.JsonNode;

/** The hand-written JSON of a log line reads back, through a real parser, as exactly the line. */
class LogLineJsonTest {

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("\"\\\n\r\t\u0000\u001f\u2028é😀/<>").ofMaxLength(40));
    }

    @Provide
    Arbitrary<Instant> anyTime() {
        return Arbitraries.longs().between(0, 253_402_300_799L)
                .flatMap(second -> Arbitraries.integers().between(0, 999_999_999)
                        .map(nano -> Instant.ofEpochSecond(second, nano)));
    }

    @Property(tries = 500)
    void parsesBackToTheSameLine(@ForAll("anyText") String text, @ForAll("anyText") String server,
            @ForAll("anyTime") Instant time, @ForAll @LongRange(min = 0) long seq) throws Exception {
        LogLine line = new LogLine(seq, time, LogStream.STDERR, text);

        JsonNode json = Json.parse(line.json(server));

        assertThat(json.path("server").asString()).isEqualTo(server);
        assertThat(json.path("seq").asLong()).isEqualTo(seq);
        assertThat(Instant.parse(json.path("time").asString())).isEqualTo(time.truncatedTo(ChronoUnit.MICROS));
        assertThat(json.path("stream").asString()).isEqualTo("stderr");
        assertThat(json.path("text").asString()).isEqualTo(text);
        assertThat(Json.parse(line.json()).has("server")).isFalse();
    }
}
