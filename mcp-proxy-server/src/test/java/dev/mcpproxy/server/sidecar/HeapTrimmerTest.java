package dev.mcpproxy.server.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the trimmer collects: the heap's figures are set by the test, a collection is counted and shrinks it. */
class HeapTrimmerTest {

    private static final long GROWN = HeapTrimmer.FLOOR_BYTES * 4;

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong committed = new AtomicLong(GROWN);
    private final AtomicInteger collections = new AtomicInteger();
    private final HeapTrimmer trimmer = new HeapTrimmer(calls::get, committed::get, () -> {
        collections.incrementAndGet();
        committed.set(HeapTrimmer.FLOOR_BYTES / 2);
    });

    @Test
    void aGrownHeapIsTrimmedOnceTheProxyIdledForAWholeInterval() {
        trimmer.run();
        assertThat(collections).as("the first look has nothing to compare with").hasValue(0);
        trimmer.run();
        assertThat(collections).hasValue(1);
    }

    @Test
    void aProxyThatKeepsCallingIsNeverInterrupted() {
        for (int i = 0; i < 5; i++) {
            calls.incrementAndGet();
            trimmer.run();
        }
        assertThat(collections).hasValue(0);
    }

    @Test
    void anIdleHeapIsTrimmedAgainOnlyAfterItGrewAgain() {
        long leftByATrim = HeapTrimmer.FLOOR_BYTES * 2;
        HeapTrimmer keepingMuchLive = new HeapTrimmer(calls::get, committed::get, () -> {
            collections.incrementAndGet();
            committed.set(leftByATrim);
        });
        keepingMuchLive.run();
        keepingMuchLive.run();
        keepingMuchLive.run();
        keepingMuchLive.run();
        assertThat(collections).as("idle, but no larger than the last trim left it").hasValue(1);
        committed.set(leftByATrim + 1);
        keepingMuchLive.run();
        assertThat(collections).hasValue(2);
    }

    @Test
    void aHeapUnderTheFloorIsLeftAlone() {
        committed.set(HeapTrimmer.FLOOR_BYTES);
        trimmer.run();
        trimmer.run();
        assertThat(collections).hasValue(0);
    }
}
