package dev.mcpproxy.core.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallLogTest {

    /** Records call {@code id} with messages of {@code messageBytes} together. */
    private static void record(CallLog log, long id, int messageBytes) {
        log.record(new CompletedCall(id, Instant.now(), 1_000, "session", "client", "tools/call", "server", "tool",
                CompletedCall.Outcome.OK, Optional.empty(), 0, 0),
                new CallMessages(CapturedMessage.of(new byte[messageBytes / 2]),
                        Optional.of(CapturedMessage.of(new byte[messageBytes / 2]))));
    }

    @Test
    void aMessageUpTo64KibIsKeptWholeAndUncopied() {
        byte[] message = new byte[CapturedMessage.KEPT];
        CapturedMessage kept = CapturedMessage.of(message);
        assertThat(kept.kept()).isSameAs(message);
        assertThat(kept.truncated()).isFalse();
        assertThat(CapturedMessage.of(List.of(new byte[10], new byte[20])).kept()).hasSize(30);
    }

    @Test
    void ofALargerMessageTheFirst64KibAreKeptCutBeforeACharacterTheyWouldSplit() {
        byte[] whole = ("a".repeat(CapturedMessage.KEPT - 1) + "éz").getBytes(StandardCharsets.UTF_8);
        CapturedMessage kept = CapturedMessage.of(whole);
        assertThat(kept.truncated()).isTrue();
        assertThat(kept.length()).isEqualTo(whole.length);
        assertThat(kept.kept()).hasSize(CapturedMessage.KEPT - 1);

        byte[] large = new byte[3 * CapturedMessage.KEPT];
        Arrays.fill(large, (byte) 'x');
        CapturedMessage inPieces = CapturedMessage.of(List.of(Arrays.copyOfRange(large, 0, 1000),
                Arrays.copyOfRange(large, 1000, large.length)));
        assertThat(inPieces.kept()).hasSize(CapturedMessage.KEPT);
        assertThat(inPieces.length()).isEqualTo(large.length);
        assertThat(inPieces.truncated()).isTrue();
    }

    @Test
    void pastTheirBoundTheOldestCallsLoseTheirMessagesAndKeepTheRest() {
        CallLog log = new CallLog(100, 20_000);
        for (int id = 1; id <= 10; id++) {
            record(log, id, 8_000);
        }
        assertThat(log.messageBytes()).isEqualTo(16_000);
        assertThat(log.find(10).orElseThrow().messages()).isPresent();
        assertThat(log.find(9).orElseThrow().messages()).isPresent();
        CallLog.Kept dropped = log.find(8).orElseThrow();
        assertThat(dropped.messages()).isEmpty();
        assertThat(dropped.call().target()).isEqualTo("tool");
        assertThat(log.recent(100)).hasSize(10);
    }

    @Test
    void aCallThatLeavesTheRingTakesItsMessagesAlong() {
        CallLog log = new CallLog(3, 1 << 20);
        for (int id = 1; id <= 5; id++) {
            record(log, id, 1_000);
        }
        assertThat(log.messageBytes()).isEqualTo(3_000);
        assertThat(log.find(2)).isEmpty();
        assertThat(log.find(3)).isPresent();
    }
}
