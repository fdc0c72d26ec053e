package dev.mcpproxy.server.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cases of Netty's WebSocket 08 frame decoder tests that apply to a server reading masked text frames
 * ({@code codec-http/src/test/java/io/netty/handler/codec/http/websocketx/WebSocket08FrameDecoderTest.java},
 * {@code WebSocket08EncoderDecoderTest}, {@code WebSocketUtf8FrameValidatorTest}, {@code WebSocketCloseStatusTest},
 * netty/netty 0bb88a3), and the checks of {@code WebSocket08FrameDecoder} itself that no Netty test covers, each
 * named; on a real socket, the server's close frame (its code) is what is compared.
 *
 * <p>Not ported: binary frames (refused with 1003 by design: this server speaks text only), the
 * {@code closeOnProtocolViolation(false)} variants and {@code channelInactive} (Netty API, not the wire), and
 * extensions (none are negotiated).
 */
class NettyPortedWebSocketFrameTest {

    private Http1Server server;

    @BeforeEach
    void start() throws IOException {
        server = new Http1Server("127.0.0.1", 0, new AdmitAll((request, exchange) -> {
            WebSocket[] socket = new WebSocket[1];
            socket[0] = WebSocket.accept(request, exchange, 255, text -> socket[0].sendText("echo " + text), () -> { });
        }), new Http1Server.Limits(1024, 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 1 << 20, 16));
        server.start("ws-netty");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // WebSocket08FrameDecoderTest.supportIanaStatusCodes: every code a peer may send is echoed
    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999})
    void supportIanaStatusCodes(int code) throws IOException {
        assertThat(closeCodeAfter(frame(0x88, closePayload(code, "Bye")))).isEqualTo(code);
    }

    // WebSocketCloseStatusTest.testRfc6455CodeValidation: codes no peer may send (1004-1006 reserved, 1015 for
    // TLS failures, below 1000, unassigned up to 2999, beyond 4999) are a protocol error, never echoed
    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    void invalidCloseCodesAreAProtocolError(int code) throws IOException {
        assertThat(closeCodeAfter(frame(0x88, closePayload(code, "")))).isEqualTo(1002);
    }

    // WebSocket08FrameDecoder: "received close control frame with payload len 1"
    @Test
    void closeFrameWithPayloadOfOneByteIsAProtocolError() throws IOException {
        assertThat(closeCodeAfter(frame(0x88, new byte[] {3}))).isEqualTo(1002);
    }

    // WebSocket08FrameDecoder.checkCloseFrameBody: "Invalid close frame body" (a reason that is not UTF-8)
    @Test
    void closeFrameWithAReasonThatIsNotUtf8Gets1007() throws IOException {
        byte[] payload = {0x03, (byte) 0xe8, (byte) 0xc3, 0x28};
        assertThat(closeCodeAfter(frame(0x88, payload))).isEqualTo(1007);
    }

    // An empty close frame is answered with 1000 (RFC 6455 5.5.1; Netty's decoder accepts it)
    @Test
    void emptyCloseFrameIsAnsweredWithNormalClosure() throws IOException {
        assertThat(closeCodeAfter(frame(0x88, new byte[0]))).isEqualTo(1000);
    }

    // WebSocket08FrameDecoderTest.protocolViolationWhenNegativeFrameLength
    @Test
    void protocolViolationWhenNegativeFrameLength() throws IOException {
        byte[] frame = ByteBuffer.allocate(14).put((byte) 0x81).put((byte) 0xFF).putLong(-1L)
                .put(new byte[] {1, 2, 3, 4}).array();
        assertThat(closeCodeAfter(frame)).isEqualTo(1002);
    }

    // WebSocket08FrameDecoder: "invalid data frame length (not using minimal length encoding)", 16-bit form
    @Test
    void sixteenBitLengthBelow126IsAProtocolError() throws IOException {
        byte[] frame = ByteBuffer.allocate(9).put((byte) 0x81).put((byte) (0x80 | 126)).putShort((short) 1)
                .put(new byte[] {1, 2, 3, 4}).put((byte) ('a' ^ 1)).array();
        assertThat(closeCodeAfter(frame)).isEqualTo(1002);
    }

    // WebSocket08FrameDecoder: "invalid data frame length (not using minimal length encoding)", 64-bit form
    @Test
    void sixtyFourBitLengthBelow65536IsAProtocolError() throws IOException {
        byte[] frame = ByteBuffer.allocate(15).put((byte) 0x81).put((byte) (0x80 | 127)).putLong(1)
                .put(new byte[] {1, 2, 3, 4}).put((byte) ('a' ^ 1)).array();
        assertThat(closeCodeAfter(frame)).isEqualTo(1002);
    }

    // The minimal 16-bit form is accepted (WebSocket08EncoderDecoderTest.testWebSocketEncodingAndDecoding, 126+)
    @Test
    void sixteenBitLengthOf126IsAccepted() throws IOException {
        String text = "x".repeat(200);
        Frame echoed = afterUpgrade(frame(0x81, text.getBytes(StandardCharsets.UTF_8)));
        assertThat(echoed).isEqualTo(new Frame(1, "echo " + text));
    }

    // WebSocket08EncoderDecoderTest.testWebSocketProtocolViolation: a frame over the limit gets 1009
    @Test
    void frameOverTheLimitGets1009() throws IOException {
        assertThat(closeCodeAfter(frame(0x81, "y".repeat(256).getBytes(StandardCharsets.UTF_8)))).isEqualTo(1009);
    }

    // WebSocketUtf8FrameValidatorTest.testCorruptedFrameExceptionInFinish and ...InCheck
    @ParameterizedTest
    @ValueSource(strings = {"ce", "f888808080"})
    void textThatIsNotUtf8Gets1007(String hex) throws IOException {
        assertThat(closeCodeAfter(frame(0x81, java.util.HexFormat.of().parseHex(hex)))).isEqualTo(1007);
    }

    // WebSocketUtf8FrameValidatorTest.testPingInTheMiddleOfFragmentAllowed
    @Test
    void pingInTheMiddleOfAFragmentedMessageIsAllowed() throws IOException {
        byte[] frames = concat(frame(0x01, bytes("te")), frame(0x89, bytes("p")), frame(0x80, bytes("xt")));
        try (Socket socket = upgraded()) {
            socket.getOutputStream().write(frames);
            assertThat(readFrame(socket.getInputStream())).isEqualTo(new Frame(0xA, "p"));
            assertThat(readFrame(socket.getInputStream())).isEqualTo(new Frame(1, "echo text"));
        }
    }

    // WebSocket08FrameDecoder: "fragmented control frame"
    @Test
    void fragmentedControlFrameIsAProtocolError() throws IOException {
        assertThat(closeCodeAfter(frame(0x09, bytes("p")))).isEqualTo(1002);
    }

    // WebSocket08FrameDecoder: "control frame with payload length > 125 octets"
    @Test
    void controlFrameLongerThan125IsAProtocolError() throws IOException {
        assertThat(closeCodeAfter(frame(0x89, new byte[126]))).isEqualTo(1002);
    }

    // WebSocket08FrameDecoder: "control frame using reserved opcode" and "data frame using reserved opcode"
    @ParameterizedTest
    @ValueSource(ints = {0x83, 0x87, 0x8B, 0x8F})
    void reservedOpcodesAreAProtocolError(int firstByte) throws IOException {
        assertThat(closeCodeAfter(frame(firstByte, new byte[0]))).isEqualTo(1002);
    }

    // WebSocket08FrameDecoder: "received continuation data frame outside fragmented message"
    @Test
    void continuationOutsideAFragmentedMessageIsAProtocolError() throws IOException {
        assertThat(closeCodeAfter(frame(0x80, bytes("x")))).isEqualTo(1002);
    }

    // WebSocket08FrameDecoder: "received non-continuation data frame while inside fragmented message"
    @Test
    void newMessageInsideAFragmentedOneIsAProtocolError() throws IOException {
        assertThat(closeCodeAfter(concat(frame(0x01, bytes("a")), frame(0x81, bytes("b"))))).isEqualTo(1002);
    }

    // WebSocket08FrameDecoder: "RSV != 0 and no extension negotiated"
    @ParameterizedTest
    @ValueSource(ints = {0xC1, 0xA1, 0x91})
    void reservedBitsAreAProtocolError(int firstByte) throws IOException {
        assertThat(closeCodeAfter(frame(firstByte, bytes("x")))).isEqualTo(1002);
    }

    // WebSocket08FrameDecoder: "received a frame that is not masked as expected"
    @Test
    void unmaskedFrameIsAProtocolError() throws IOException {
        assertThat(closeCodeAfter(new byte[] {(byte) 0x81, 1, 'x'})).isEqualTo(1002);
    }

    private record Frame(int opcode, String text) {
    }

    private int closeCodeAfter(byte[] frames) throws IOException {
        Frame frame = afterUpgrade(frames);
        assertThat(frame.opcode()).as("a close frame").isEqualTo(8);
        byte[] payload = frame.text().getBytes(StandardCharsets.ISO_8859_1);
        return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    private Frame afterUpgrade(byte[] frames) throws IOException {
        try (Socket socket = upgraded()) {
            socket.getOutputStream().write(frames);
            return readFrame(socket.getInputStream());
        }
    }

    private Socket upgraded() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        assertThat(head.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101 ");
        return socket;
    }

    private static Frame readFrame(InputStream in) throws IOException {
        int first = in.read();
        int length = in.read() & 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        }
        return new Frame(first & 0x0f, new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
    }

    private static byte[] closePayload(int code, String reason) {
        byte[] text = bytes(reason);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    /** A masked frame; lengths of 126 and more in the 16-bit form. */
    private static byte[] frame(int firstByte, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 8);
        frame.put((byte) firstByte);
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        }
        byte[] mask = {1, 2, 3, 4};
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return java.util.Arrays.copyOf(frame.array(), frame.position());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
