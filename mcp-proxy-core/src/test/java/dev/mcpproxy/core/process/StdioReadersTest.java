package dev.mcpproxy.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.MessageScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A child's reader threads, on real children (sh): what a line's handling throws, and lines too long to keep. */
class StdioReadersTest {

    private final OrphanGuard guard = new OrphanGuard();
    private final LogRing logs = new LogRing(100);
    private StdioProcess process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(1));
        }
        guard.close();
    }

    /** Takes lines as text, failing on those that say how. */
    private static final class Handler implements StdoutHandler {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> readerFailed = new CompletableFuture<>();

        @Override
        public int maxLength() {
            return 1 << 20;
        }

        @Override
        public void line(byte[] line) {
            String text = new String(line, StandardCharsets.UTF_8);
            switch (text) {
                case "runtime" -> throw new IllegalStateException("a bug");
                case "oom" -> throw new OutOfMemoryError("Java heap space");
                case "stack" -> throw new StackOverflowError();
                default -> lines.add(text);
            }
        }

        @Override
        public void longLine(List<byte[]> pieces, long length, MessageScanner seen) {
            lines.add("long " + length);
        }

        @Override
        public void skipped(byte[] head, long length, MessageScanner seen, Skip why) {
            lines.add("skipped " + length);
        }

        @Override
        public void readerFailed(String reason) {
            readerFailed.complete(reason);
        }
    }

    private Handler start(String script) throws IOException {
        Handler handler = new Handler();
        process = StdioProcess.start(new ProcessSpec("test", List.of("sh", "-c", script), Map.of(), Optional.empty()),
                handler, logs, guard);
        return handler;
    }

    private static void await(List<String> lines, int count) throws InterruptedException {
        for (int i = 0; i < 300 && lines.size() < count; i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void aLineWhoseHandlingThrowsOrRunsOutOfMemoryIsDroppedAndTheNextLinesStillArrive() throws Exception {
        Handler handler = start("printf 'one\\nruntime\\ntwo\\noom\\nthree\\n'; sleep 30");
        await(handler.lines, 3);
        assertThat(handler.lines).containsExactly("one", "two", "three");
        assertThat(handler.readerFailed).isNotDone();
    }

    @Test
    void aReaderThatCannotGoOnSaysWhy() throws Exception {
        Handler handler = start("printf 'one\\nstack\\ntwo\\n'; sleep 30");
        assertThat(handler.readerFailed.get(10, TimeUnit.SECONDS))
                .isEqualTo("test-stdout stopped reading: java.lang.StackOverflowError");
        assertThat(handler.lines).containsExactly("one");
    }

    @Test
    void aStderrLineLongerThanTheLogKeepsIsCutWithANoteOfHowMuch() throws Exception {
        start("printf '%0100000d' 0 | tr 0 x >&2; printf '\\nshort\\n' >&2; sleep 30");
        for (int i = 0; i < 300 && logs.lastStderr(2).size() < 2; i++) {
            Thread.sleep(10);
        }
        List<String> stderr = logs.lastStderr(2);
        assertThat(stderr.getFirst()).startsWith("xxxx")
                .endsWith("x … (" + (100_000 - LogLines.MAX_LENGTH) + " more bytes cut)");
        assertThat(stderr.getFirst().length()).isLessThanOrEqualTo(LogRing.MAX_LINE_CHARS);
        assertThat(stderr.get(1)).isEqualTo("short");
    }
}
