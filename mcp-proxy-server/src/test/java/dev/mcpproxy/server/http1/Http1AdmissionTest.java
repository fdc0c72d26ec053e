package dev.mcpproxy.server.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a request may cost before it is served: nothing is buffered before its head passed the handler's check, a
 * body takes memory only as its bytes arrive and within one budget for all, and no client can hold every slot.
 */
class Http1AdmissionTest {

    private static Http1Server.Limits limits(int maxBody, long budget, Duration head, Duration idle, int connections) {
        return new Http1Server.Limits(maxBody, budget, head, Duration.ofSeconds(10), idle, Duration.ofSeconds(2),
                64 * 1024, connections);
    }

    @Test
    void aRequestRefusedAtItsHeadIsAnsweredBeforeItsBodyIsSentAndNeverRead() throws IOException {
        try (EchoServer echo = new EchoServer(EchoServer.SMALL); RawConnection client = echo.connect()) {
            RawConnection.Response refused = client.send("POST /private HTTP/1.1\r\nHost: h\r\nContent-Length: 1000"
                    + "\r\nExpect: 100-continue\r\n\r\n").read();
            assertThat(refused.status()).as("no 100 Continue for a refused request").isEqualTo(401);
            assertThat(refused.headers()).containsEntry("www-authenticate", "Bearer").containsEntry("connection", "close");
            assertThat(refused.body()).isEqualTo("{\"error\":\"no key\"}");
            assertThat(client.closedWithin(5000)).isTrue();
            assertThat(echo.handled).hasValue(0);
        }
    }

    @Test
    void aRequestRefusedAtItsHeadThatHasNoBodyKeepsItsConnection() throws IOException {
        try (EchoServer echo = new EchoServer(EchoServer.SMALL); RawConnection client = echo.connect()) {
            assertThat(client.send("GET /private HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(401);
            assertThat(client.send("GET /private HTTP/1.1\r\nHost: h\r\nX-Key: yes\r\n\r\n").read().body())
                    .isEqualTo("GET /private ");
        }
    }

    @Test
    void aBodyTakesMemoryAsItArrivesNotAsItIsAnnounced() throws IOException {
        int announced = 2 << 20;
        long budget = 4 << 20;
        try (EchoServer echo = new EchoServer(limits(announced, budget, Duration.ofSeconds(5), Duration.ofSeconds(30),
                64))) {
            List<RawConnection> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 30; i++) {
                    RawConnection client = echo.connect();
                    clients.add(client);
                    client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: " + announced + "\r\n\r\nabc");
                }
                try (RawConnection other = echo.connect()) {
                    assertThat(other.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(200);
                }
                // 30 bodies of 2 MiB announced, 3 bytes each received: a few KiB each, far under the 4 MiB budget.
                assertThat(echo.server.budget().used()).isLessThan(31 * 8 * 1024);
                RawConnection last = clients.getLast();
                last.send("x".repeat(announced - 3));
                assertThat(last.read().body()).hasSize("POST /echo ".length() + announced);
            } finally {
                for (RawConnection client : clients) {
                    client.close();
                }
            }
        }
    }

    @Test
    void requestsThatWouldTakeTheBudgetPastItsLimitGet503AndTheirMemoryBack() throws Exception {
        int maxBody = 2 << 20;
        try (EchoServer echo = new EchoServer(limits(maxBody, 3 << 20, Duration.ofSeconds(5), Duration.ofSeconds(30),
                64))) {
            List<RawConnection> clients = new ArrayList<>();
            int refused = 0;
            try {
                for (int i = 0; i < 3; i++) {
                    RawConnection client = echo.connect();
                    try {
                        client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: " + maxBody + "\r\n\r\n"
                                + "x".repeat(maxBody * 3 / 4));
                        clients.add(client);
                    } catch (IOException e) {
                        // Refused and closed while it was still sending.
                        refused++;
                        client.close();
                    }
                }
                for (RawConnection client : clients) {
                    if (client.closedWithin(300)) {
                        refused++;
                    }
                }
                // Which of them passes the limit depends on how the server interleaves their reads.
                assertThat(refused).as("refused with 503 and closed").isPositive();
            } finally {
                for (RawConnection client : clients) {
                    client.close();
                }
            }
            try (RawConnection client = echo.connect()) {
                client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
                assertThat(client.read().body()).isEqualTo("POST /echo hello");
            }
            Thread.sleep(200);
            assertThat(echo.server.budget().used()).as("all given back but resting buffers").isLessThan(64 * 1024);
        }
    }

    @Test
    void theBudgetRefusalIsA503WithAJsonMessage() throws IOException {
        try (EchoServer echo = new EchoServer(limits(1 << 20, 16 * 1024, Duration.ofSeconds(5),
                Duration.ofSeconds(30), 8)); RawConnection client = echo.connect()) {
            RawConnection.Response response = client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 100000"
                    + "\r\n\r\n" + "x".repeat(40_000)).read();
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).startsWith("{\"error\":\"The server is receiving too much at once");
            assertThat(client.closedWithin(5000)).isTrue();
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheHeadTimeoutLongBeforeTheIdleTimeout() throws IOException {
        try (EchoServer echo = new EchoServer(limits(1024, 1 << 20, Duration.ofMillis(300), Duration.ofMinutes(10), 8));
             RawConnection silent = echo.connect(); RawConnection slow = echo.connect()) {
            slow.send("GET /echo HTTP/1.1\r\nHo");
            assertThat(silent.closedWithin(5000)).isTrue();
            assertThat(slow.closedWithin(5000)).isTrue();
        }
    }

    @Test
    void whenEverySlotIsTakenByConnectionsThatSendNothingANewOneIsStillServed() throws Exception {
        try (EchoServer echo = new EchoServer(limits(1024, 1 << 20, Duration.ofMinutes(1), Duration.ofMinutes(10), 8))) {
            List<RawConnection> hogs = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    RawConnection hog = echo.connect();
                    hogs.add(hog);
                    if (i % 2 == 0) {
                        hog.send("GET /echo HTTP/1.1\r\nHo");
                    } else {
                        hog.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n").read();
                    }
                    // Each hog's last progress comes after the one before's.
                    Thread.sleep(50);
                }
                for (int i = 0; i < 3; i++) {
                    try (RawConnection health = echo.connect()) {
                        assertThat(health.send("GET /health HTTP/1.1\r\nHost: h\r\n\r\n").read().body())
                                .isEqualTo("GET /health ");
                    }
                }
                assertThat(hogs.getFirst().closedWithin(2000)).as("the one that made least progress made room")
                        .isTrue();
            } finally {
                for (RawConnection hog : hogs) {
                    hog.close();
                }
            }
        }
    }

    @Test
    void aHandlerOutOfMemoryLosesItsConnectionAndTheServerGoesOn() throws IOException {
        try (EchoServer echo = new EchoServer(EchoServer.SMALL)) {
            try (RawConnection client = echo.connect()) {
                client.send("GET /oom HTTP/1.1\r\nHost: h\r\n\r\n");
                assertThat(client.closedWithin(5000)).isTrue();
            }
            try (RawConnection client = echo.connect()) {
                assertThat(client.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(200);
            }
        }
    }
}
