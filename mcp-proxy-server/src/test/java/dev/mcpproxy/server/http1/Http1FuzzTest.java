package dev.mcpproxy.server.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random input against the MCP port's HTTP server: it never fails, never stops serving, and reassembles what comes in pieces. */
class Http1FuzzTest {

    private static Http1Server server;

    @BeforeContainer
    static void start() throws IOException {
        server = new Http1Server("127.0.0.1", 0, new AdmitAll((request, exchange) ->
                exchange.respond(200, "text/plain", (request.method() + " " + request.path() + " "
                        + new String(request.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8))),
                new Http1Server.Limits(4096, 8 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5),
                        Duration.ofSeconds(30), Duration.ofSeconds(5), 1 << 20, 64));
        server.start("fuzz-http");
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 300)
    void anyBytesGetAnAnswerOrAClosedConnectionAndTheServerGoesOn(@ForAll("requestLike") byte[] input)
            throws IOException {
        String answer = sendAndReadToEnd(input);
        if (!answer.isEmpty()) {
            assertThat(answer).startsWith("HTTP/1.1 ");
            assertThat(answer.substring(9, 12)).isNotEqualTo("500");
        }
        assertThat(sendAndReadToEnd("GET /alive HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII))).endsWith("GET /alive ");
    }

    @Property(tries = 100)
    void requestsArrivingInAnyPiecesAreAnsweredWholeAndInOrder(
            @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.constraints.StringLength(max = 300) String> bodies,
            @ForAll("cuts") List<Integer> cuts) throws IOException {
        StringBuilder requests = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i).getBytes(StandardCharsets.UTF_8);
            boolean chunked = i % 2 == 1;
            requests.append("POST /r").append(i).append(" HTTP/1.1\r\nHost: h\r\n");
            requests.append(chunked ? "Transfer-Encoding: chunked\r\n\r\n" + chunked(body)
                    : "Content-Length: " + body.length + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1));
            expected.append("POST /r").append(i).append(' ').append(bodies.get(i)).append('\n');
        }
        byte[] all = requests.toString().getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            int from = 0;
            for (int cut : cuts) {
                int to = Math.min(all.length, from + cut);
                socket.getOutputStream().write(all, from, to - from);
                socket.getOutputStream().flush();
                from = to;
            }
            socket.getOutputStream().write(all, from, all.length - from);
            StringBuilder answered = new StringBuilder();
            for (int i = 0; i < bodies.size(); i++) {
                answered.append(readBody(socket.getInputStream())).append('\n');
            }
            assertThat(answered.toString()).isEqualTo(expected.toString());
        }
    }

    @Provide
    Arbitrary<byte[]> requestLike() {
        Arbitrary<String> pieces = Arbitraries.of("GET", "POST", " ", "/mcp", "HTTP/1.1", "HTTP/1.0", "\r\n", "\n",
                "Host: h", "Content-Length: ", "Transfer-Encoding: chunked", "Expect: 100-continue", "0", "5", "ff",
                "-1", ":", "\t", "\u0000", "\u00ff", "%", "?", "Connection: close", "{}");
        Arbitrary<byte[]> structured = pieces.list().ofMaxSize(40)
                .map(list -> String.join("", list).getBytes(StandardCharsets.ISO_8859_1));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        return Arbitraries.oneOf(structured, random);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 50).list().ofMaxSize(20);
    }

    private static String chunked(byte[] body) {
        StringBuilder text = new StringBuilder();
        for (int from = 0; from < body.length; from += 7) {
            int to = Math.min(body.length, from + 7);
            text.append(Integer.toHexString(to - from)).append("\r\n")
                    .append(new String(body, from, to - from, StandardCharsets.ISO_8859_1)).append("\r\n");
        }
        return text.append("0\r\n\r\n").toString();
    }

    /** Sends the bytes, half-closes, and reads whatever comes until the server closes. */
    private static String sendAndReadToEnd(byte[] input) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(input);
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String readBody(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before an answer");
            }
            head.write(b);
        }
        String length = head.toString(StandardCharsets.ISO_8859_1).lines()
                .filter(l -> l.startsWith("Content-Length:")).findFirst().orElseThrow().substring(15).strip();
        return new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
    }
}
