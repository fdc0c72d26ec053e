package dev.mcpproxy.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Writing to real children: one that never reads its input, and cat, which sends every line back. */
class StdioProcessTest {

    private final OrphanGuard guard = new OrphanGuard();
    private final List<StdioProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(p -> p.stop(Duration.ofSeconds(1)));
        guard.close();
    }

    @Test
    void writingToAChildThatNeverReadsNeverBlocksAndEndsInAClearError() {
        StdioProcess sleeper = start(List.of("sleep", "60"), line -> { });
        byte[] line = "x".repeat(1000).getBytes(StandardCharsets.UTF_8);
        IOException refused = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(IOException.class,
                () -> {
                    while (true) {
                        sleeper.writeLine(line);
                    }
                }));
        assertTrue(refused.getMessage().contains("is not reading its input"), refused.getMessage());
    }

    @Test
    void linesFromTwoThreadsArriveWholeAndInEachThreadsOrderWhileTheChildReportsWhatItRead() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicLong readSoFar = new AtomicLong();
        StdioProcess[] cat = new StdioProcess[1];
        cat[0] = start(List.of("cat"), line -> {
            received.add(new String(line, StandardCharsets.UTF_8));
            // cat has read at least what it sent back: as an MCP server's answer says of its requests.
            cat[0].childHasRead(readSoFar.addAndGet(line.length + 1));
        });
        int perThread = 5000;
        List<Thread> writers = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    try {
                        cat[0].writeLine((name + " " + i + " " + "y".repeat(i % 300)).getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        awaitLines(received, 2 * perThread);

        for (String name : List.of("a", "b")) {
            List<String> fromThread = received.stream().filter(l -> l.startsWith(name + " ")).toList();
            assertEquals(perThread, fromThread.size());
            for (int i = 0; i < perThread; i++) {
                assertEquals(name + " " + i + " " + "y".repeat(i % 300), fromThread.get(i));
            }
        }
    }

    @Test
    void aLineSentWhileQueuedLinesWaitGoesBehindThemEvenWhenTheChildSeemsToHaveReadAll() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        StdioProcess cat = start(List.of("cat"), line -> received.add(new String(line, StandardCharsets.UTF_8)));
        signal("-STOP", cat.pid());
        int queued = 300;
        long end = 0;
        for (int i = 0; i < queued; i++) {
            end = cat.writeLine(("queued " + i + " " + "z".repeat(1000)).getBytes(StandardCharsets.UTF_8));
        }
        // The writer thread has filled the stopped child's pipe and waits in a write; the rest waits in the outbox.
        Thread.sleep(300);
        cat.childHasRead(end);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> cat.writeLine("last".getBytes(StandardCharsets.UTF_8)), "the send blocked");
        } finally {
            signal("-CONT", cat.pid());
        }

        awaitLines(received, queued + 1);
        assertEquals("last", received.get(queued));
    }

    private static void awaitLines(List<String> received, int count) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (received.size() < count) {
                Thread.sleep(10);
            }
        });
    }

    private static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", signal, Long.toString(pid)).start().waitFor());
    }

    private StdioProcess start(List<String> command, Consumer<byte[]> stdoutLine) {
        try {
            StdioProcess process = StdioProcess.start(new ProcessSpec("test", command, Map.of(), Optional.empty()),
                    new LinesTo(stdoutLine), new LogRing(100), guard);
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
