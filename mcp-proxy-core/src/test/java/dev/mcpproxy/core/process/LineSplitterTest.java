package dev.mcpproxy.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.MessageScanner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    /** Records what a splitter hands on, as text: a line, "long:<pieces>:<text>" or "skipped:<why>:<length>:<id>". */
    private static final class Recorder implements LineHandler {
        final List<String> events = new ArrayList<>();
        final int max;
        final List<Integer> pieceSizes = new ArrayList<>();

        Recorder(int max) {
            this.max = max;
        }

        @Override
        public int maxLength() {
            return max;
        }

        @Override
        public void line(byte[] line) {
            events.add(new String(line, StandardCharsets.UTF_8));
        }

        @Override
        public void longLine(List<byte[]> pieces, long length, MessageScanner seen) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            pieces.forEach(p -> {
                whole.writeBytes(p);
                pieceSizes.add(p.length);
            });
            assertThat(whole.size()).isEqualTo(length);
            events.add("long:" + pieces.size() + ":" + whole.toString(StandardCharsets.UTF_8));
        }

        @Override
        public void skipped(byte[] head, long length, MessageScanner seen, Skip why) {
            events.add("skipped:" + why + ":" + length + ":" + (seen == null ? "unscanned" : seen.numericId()) + ":"
                    + new String(head, StandardCharsets.UTF_8));
        }
    }

    private static Recorder split(InputStream in, int max) throws IOException {
        Recorder recorder = new Recorder(max);
        LineSplitter.messages(in, recorder, new LargeMessageBudget(Long.MAX_VALUE)).run();
        return recorder;
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndKeepsAnUnterminatedLastLine() throws IOException {
        assertThat(split(bytes("{\"a\":1}\r\n\nhé\nlast"), 1000).events)
                .containsExactly("{\"a\":1}", "", "hé", "last");
    }

    @Test
    void aLineLongerThanTheBufferArrivesWholeWithinOnePiece() throws IOException {
        String line = "x".repeat(200_000);
        assertThat(split(bytes(line + "\nnext\n"), 1 << 20).events).containsExactly(line, "next");
    }

    @Test
    void aLineLongerThanAPieceArrivesInPiecesThatAreNeverCopiedWhole() throws IOException {
        String line = "y".repeat(3 * LineSplitter.PIECE + 10);
        Recorder recorder = split(bytes(line + "\nnext\n"), 1 << 22);
        assertThat(recorder.events).containsExactly("long:4:" + line, "next");
        assertThat(recorder.pieceSizes).containsExactly(LineSplitter.PIECE, LineSplitter.PIECE, LineSplitter.PIECE, 10);
    }

    @Test
    void aLineOverTheLimitIsSkippedWithItsHeadItsLengthAndTheIdTheScannerFoundAfterThePayload() throws IOException {
        String big = "{\"result\":{\"blob\":\"" + "z".repeat(1_000_000) + "\"},\"jsonrpc\":\"2.0\",\"id\":7}";
        Recorder recorder = split(bytes(big + "\n{\"id\":8}\n"), 500_000);
        assertThat(recorder.events).containsExactly(
                "skipped:TOO_LONG:" + big.length() + ":OptionalLong[7]:" + big.substring(0, LineSplitter.HEAD),
                "{\"id\":8}");
    }

    @Test
    void aLineOverTheLimitIsNeverHeldBeyondTheLimitWhileItStreamsBy() throws IOException {
        LargeMessageBudget budget = new LargeMessageBudget(Long.MAX_VALUE);
        long[] mostHeld = new long[1];
        InputStream tenMegabytes = new InputStream() {
            private long left = 10_000_000;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : left == -1 ? '\n' : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                mostHeld[0] = Math.max(mostHeld[0], budget.held());
                int n = 0;
                for (int b; n < length && (b = read()) >= 0; n++) {
                    into[offset + n] = (byte) b;
                }
                return n == 0 ? -1 : n;
            }
        };
        Recorder recorder = new Recorder(LineSplitter.PIECE * 2);
        LineSplitter.messages(tenMegabytes, recorder, budget).run();
        assertThat(recorder.events).singleElement().asString().startsWith("skipped:TOO_LONG:10000000:");
        assertThat(mostHeld[0]).isLessThanOrEqualTo(LineSplitter.PIECE * 2L);
        assertThat(budget.held()).isZero();
    }

    @Test
    void aLineJustOverTheLimitIsSkippedAndOneAtTheLimitIsKept() throws IOException {
        assertThat(split(bytes("12345\n123456\n"), 5).events)
                .containsExactly("12345", "skipped:TOO_LONG:6:OptionalLong.empty:12345");
    }

    @Test
    void whenTheSharedBudgetHasNoRoomALongLineIsSkippedAndTheBudgetIsGivenBack() throws IOException {
        LargeMessageBudget budget = new LargeMessageBudget(2L * LineSplitter.PIECE);
        String line = "{\"id\":3,\"result\":\"" + "w".repeat(3 * LineSplitter.PIECE) + "\"}";
        Recorder recorder = new Recorder(1 << 24);
        LineSplitter.messages(bytes(line + "\n" + "v".repeat(LineSplitter.PIECE + 1) + "\n"), recorder, budget).run();
        assertThat(recorder.events.getFirst()).startsWith("skipped:NO_ROOM:" + line.length() + ":OptionalLong[3]:");
        assertThat(recorder.events.get(1)).startsWith("long:2:vvv");
        assertThat(budget.reserve(2L * LineSplitter.PIECE)).as("all reserved bytes were given back").isTrue();
    }

    @Test
    void aLogLineOverTheLimitKeepsItsFirstBytesOnly() throws IOException {
        Recorder recorder = new Recorder(10);
        LineSplitter.log(bytes("0123456789abcdef\nok\n"), recorder).run();
        assertThat(recorder.events).containsExactly("skipped:TOO_LONG:16:unscanned:0123456789", "ok");
    }

    @Test
    void linesCutAcrossReadsAreJoined() throws IOException {
        byte[] bytes = "first line\nsecond line\n".getBytes(StandardCharsets.UTF_8);
        InputStream oneByteAtATime = new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (next >= bytes.length) {
                    return -1;
                }
                into[offset] = bytes[next++];
                return 1;
            }
        };
        assertThat(split(oneByteAtATime, 100).events).containsExactly("first line", "second line");
    }
}
