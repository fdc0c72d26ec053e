package dev.mcpproxy.server.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server side of RFC 6455 against the JDK's WebSocket client and against hand-made frames. */
class WebSocketTest {

    private static final int MAX_MESSAGE = 1024;

    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private Http1Server server;

    @BeforeEach
    void start() throws IOException {
        server = new Http1Server("127.0.0.1", 0, new AdmitAll((request, exchange) -> {
            WebSocket[] socket = new WebSocket[1];
            socket[0] = WebSocket.accept(request, exchange, MAX_MESSAGE,
                    message -> socket[0].sendText(message.toUpperCase()), () -> closed.complete(null));
            if (socket[0] == null) {
                exchange.respond(400, "text/plain", "not a WebSocket request".getBytes(StandardCharsets.UTF_8));
            } else {
                socket[0].sendText("hello");
            }
        }), new Http1Server.Limits(1024, 4 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 1 << 20, 16));
        server.start("ws-test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** What the JDK's client saw: texts as they came, and the close code last. */
    private final class Received implements java.net.http.WebSocket.Listener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket socket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }
    }

    private java.net.http.WebSocket connect(Received received) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), received).get(5, TimeUnit.SECONDS);
    }

    @Test
    void textMessagesGoBothWaysWholeOrInFragments() throws Exception {
        Received received = new Received();
        java.net.http.WebSocket socket = connect(received);
        assertThat(received.texts.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
        socket.sendText("ping me", true).get(5, TimeUnit.SECONDS);
        assertThat(received.texts.poll(5, TimeUnit.SECONDS)).isEqualTo("PING ME");
        socket.sendText("in ", false).get(5, TimeUnit.SECONDS);
        socket.sendText("pieces ✓", true).get(5, TimeUnit.SECONDS);
        assertThat(received.texts.poll(5, TimeUnit.SECONDS)).isEqualTo("IN PIECES ✓");
        socket.sendClose(1000, "done").get(5, TimeUnit.SECONDS);
        assertThat(received.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        Received received = new Received();
        java.net.http.WebSocket socket = connect(received);
        socket.sendText("x".repeat(MAX_MESSAGE + 1), true);
        assertThat(received.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
        closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aPlainRequestIsNotUpgraded() throws IOException {
        try (RawConnection client = new RawConnection(server.port())) {
            RawConnection.Response response = client.send("GET /ws HTTP/1.1\r\nHost: h\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(400);
        }
    }

    @Test
    void aPingGetsItsPongAndBrokenFramesTheirCloseCodes() throws IOException {
        assertThat(afterUpgrade(frame(0x89, true, "are you there"))).isEqualTo(new Frame(0xA, "are you there"));
        assertThat(afterUpgrade(frame(0x81, false, "unmasked")).closeCode()).isEqualTo(1002);
        assertThat(afterUpgrade(frame(0x82, true, "binary")).closeCode()).isEqualTo(1003);
        assertThat(afterUpgrade(frame(0xC1, true, "reserved bit")).closeCode()).isEqualTo(1002);
        assertThat(afterUpgrade(frame(0x80, true, "continuation of nothing")).closeCode()).isEqualTo(1002);
        byte[] invalidUtf8 = {(byte) 0xc3, (byte) 0x28};
        assertThat(afterUpgrade(frame(0x81, true, invalidUtf8)).closeCode()).isEqualTo(1007);
    }

    private record Frame(int opcode, String text) {
        int closeCode() {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            return opcode == 8 && bytes.length >= 2 ? ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff) : -1;
        }
    }

    /** Upgrades a raw connection, sends one frame, and returns the first frame after the greeting. */
    private Frame afterUpgrade(byte[] frame) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                head.write(in.read());
            }
            assertThat(head.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101 ")
                    .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            assertThat(readFrame(in)).isEqualTo(new Frame(1, "hello"));
            socket.getOutputStream().write(frame);
            return readFrame(in);
        }
    }

    private static Frame readFrame(InputStream in) throws IOException {
        int first = in.read();
        int length = in.read() & 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        }
        return new Frame(first & 0x0f, new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
    }

    private static byte[] frame(int firstByte, boolean masked, String text) {
        return frame(firstByte, masked, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(int firstByte, boolean masked, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 6);
        frame.put((byte) firstByte).put((byte) ((masked ? 0x80 : 0) | payload.length));
        byte[] mask = {1, 2, 3, 4};
        if (masked) {
            frame.put(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (masked ? payload[i] ^ mask[i & 3] : payload[i]));
        }
        return java.util.Arrays.copyOf(frame.array(), frame.position());
    }
}
