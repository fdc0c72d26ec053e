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

    /** Bytes that say which call and which message they are, and where in it each byte is. */
    private static byte[] content(long id, int length, int salt) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (id * 31 + i * 7 + salt);
        }
        return bytes;
    }

    @Test
    void everyMessageStillKeptReadsBackAsItWasWrittenAfterTheRingWentRoundManyTimes() {
        CallLog log = new CallLog(40, 150_000);
        java.util.Random random = new java.util.Random(7);
        java.util.Map<Long, int[]> sizes = new java.util.HashMap<>();
        for (long id = 1; id <= 600; id++) {
            int request = 1 + random.nextInt(9_000);
            int response = random.nextInt(4) == 0 ? -1 : random.nextInt(70_000);
            sizes.put(id, new int[] {request, response});
            log.record(new CompletedCall(id, Instant.now(), 1_000, "session", "client", "tools/call", "server", "tool",
                    CompletedCall.Outcome.OK, Optional.empty(), 0, 0),
                    new CallMessages(CapturedMessage.of(content(id, request, 1)), response < 0 ? Optional.empty()
                            : Optional.of(CapturedMessage.of(content(id, response, 2)))));
            assertThat(log.find(id).orElseThrow().messages()).as("the newest call, %d", id).isPresent();
        }
        int withMessages = 0;
        for (CompletedCall call : log.recent(40)) {
            Optional<CallMessages> kept = log.find(call.id()).orElseThrow().messages();
            if (kept.isPresent()) {
                withMessages++;
                int[] size = sizes.get(call.id());
                assertThat(kept.get().request().kept()).isEqualTo(content(call.id(), size[0], 1));
                assertThat(kept.get().response().map(CapturedMessage::kept).orElse(null))
                        .isEqualTo(size[1] < 0 ? null : content(call.id(), size[1], 2));
            }
        }
        assertThat(withMessages).isGreaterThan(1);
        assertThat(log.messageBytes()).isLessThanOrEqualTo(150_000);
    }

    @Test
    void aCallWhoseMessagesAloneExceedTheBoundIsKeptWithoutThem() {
        CallLog log = new CallLog(10, 60_000);
        record(log, 1, 1_000);
        record(log, 2, 2 * CapturedMessage.KEPT + 2);

        assertThat(log.find(2).orElseThrow().messages()).isEmpty();
        assertThat(log.find(1).orElseThrow().messages()).isPresent();
        assertThat(log.messageBytes()).isEqualTo(1_000);
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
