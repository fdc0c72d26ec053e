package dev.mcpproxy.server.http;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnswerThreadPoolTest {

    private final AnswerThreadPool pool = new AnswerThreadPool(4, 1);

    @BeforeEach
    void start() throws Exception {
        pool.start();
    }

    @AfterEach
    void stop() throws Exception {
        pool.stop();
    }

    @Test
    void aConnectionResumedWhileAnsweringRunsOnTheAnsweringThread() throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        AnswerThreadPool.answer(() -> pool.execute(connection(() -> ranOn.complete(Thread.currentThread()))));
        assertSame(Thread.currentThread(), ranOn.get(5, TimeUnit.SECONDS));
    }

    @Test
    void otherJobsAndConnectionsResumedOutsideAnAnswerGoToThePool() throws Exception {
        CompletableFuture<Thread> plainJob = new CompletableFuture<>();
        AnswerThreadPool.answer(() -> pool.execute(() -> plainJob.complete(Thread.currentThread())));
        CompletableFuture<Thread> notAnswering = new CompletableFuture<>();
        pool.execute(connection(() -> notAnswering.complete(Thread.currentThread())));

        assertNotSame(Thread.currentThread(), plainJob.get(5, TimeUnit.SECONDS));
        assertNotSame(Thread.currentThread(), notAnswering.get(5, TimeUnit.SECONDS));
    }

    @Test
    void whatAResumedConnectionStartsGoesToThePool() throws Exception {
        CompletableFuture<Thread> nested = new CompletableFuture<>();
        AnswerThreadPool.answer(() -> pool.execute(connection(
                () -> pool.execute(connection(() -> nested.complete(Thread.currentThread()))))));
        assertNotSame(Thread.currentThread(), nested.get(5, TimeUnit.SECONDS));
    }

    /** A Jetty connection whose resumption ({@code run}) does {@code onRun}. */
    private static Runnable connection(Runnable onRun) {
        return (Runnable) Proxy.newProxyInstance(AnswerThreadPoolTest.class.getClassLoader(),
                new Class<?>[] {Connection.class, Runnable.class}, (proxy, method, args) -> {
                    if (method.getName().equals("run")) {
                        onRun.run();
                    }
                    return method.getName().equals("hashCode") ? System.identityHashCode(proxy) : null;
                });
    }
}
