package dev.mcpproxy.server.http1;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * A server-side WebSocket (RFC 6455) on an upgraded connection: text messages both ways, pings, the close
 * handshake. Frames from the client must be masked, messages at most {@code maxMessageBytes} and valid UTF-8;
 * anything else closes the socket with the code the RFC gives for it. Sending is safe from any thread.
 */
public final class WebSocket implements RawInput {

    /** What the client sends; called on the selector thread, so it must not block. */
    public interface Listener {
        void onText(String message);
    }

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int TEXT = 1;
    private static final int BINARY = 2;
    private static final int CLOSE = 8;
    private static final int PING = 9;
    private static final int PONG = 10;

    private final Http1Exchange exchange;
    private final int maxMessageBytes;
    private final Listener listener;
    private final ByteArrayOutputStream fragments = new ByteArrayOutputStream();
    private boolean fragmented;
    private volatile boolean closing;

    private WebSocket(Http1Exchange exchange, int maxMessageBytes, Listener listener) {
        this.exchange = exchange;
        this.maxMessageBytes = maxMessageBytes;
        this.listener = listener;
    }

    /**
     * Upgrades the request to a WebSocket; null, with nothing answered, when it is not a valid upgrade request.
     * {@code onClosed} runs once when the socket ends, whoever ends it.
     */
    public static WebSocket accept(Http1Request request, Http1Exchange exchange, int maxMessageBytes,
                                   Listener listener, Runnable onClosed) {
        String key = request.header("Sec-WebSocket-Key");
        if (!request.method().equals("GET") || !hasToken(request.header("Upgrade"), "websocket")
                || !hasToken(request.header("Connection"), "upgrade")
                || !"13".equals(request.header("Sec-WebSocket-Version")) || !validKey(key)) {
            return null;
        }
        WebSocket socket = new WebSocket(exchange, maxMessageBytes, listener);
        exchange.header("Upgrade", "websocket");
        exchange.header("Connection", "Upgrade");
        exchange.header("Sec-WebSocket-Accept", acceptValue(key));
        return exchange.upgrade(socket, onClosed) ? socket : null;
    }

    public boolean isOpen() {
        return !closing && exchange.isUpgraded();
    }

    /** Sends a text message; false when the socket has ended (or its client was too far behind). */
    public boolean sendText(String text) {
        return !closing && send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean sendPing() {
        return !closing && send(PING, new byte[0]);
    }

    /** Starts the close handshake: sends the close frame, then ends the connection once it is written. */
    public synchronized void close(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + Math.min(text.length, 123)];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, payload.length - 2);
        send(CLOSE, payload);
        exchange.closeUpgraded();
    }

    private boolean send(int opcode, byte[] payload) {
        ByteBuffer head = ByteBuffer.allocate(10);
        head.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            head.put((byte) payload.length);
        } else if (payload.length < 65536) {
            head.put((byte) 126).putShort((short) payload.length);
        } else {
            head.put((byte) 127).putLong(payload.length);
        }
        return exchange.sendRaw(head.flip(), ByteBuffer.wrap(payload));
    }

    @Override
    public int feed(byte[] bytes, int length) {
        int position = 0;
        while (!closing) {
            if (length - position < 2) {
                return position;
            }
            int first = bytes[position] & 0xff;
            int second = bytes[position + 1] & 0xff;
            boolean fin = (first & 0x80) != 0;
            int opcode = first & 0x0f;
            long payloadLength = second & 0x7f;
            int header = 2;
            if (payloadLength == 126) {
                if (length - position < 4) {
                    return position;
                }
                payloadLength = ((bytes[position + 2] & 0xff) << 8) | (bytes[position + 3] & 0xff);
                header = 4;
            } else if (payloadLength == 127) {
                if (length - position < 10) {
                    return position;
                }
                payloadLength = 0;
                for (int i = 0; i < 8; i++) {
                    payloadLength = (payloadLength << 8) | (bytes[position + 2 + i] & 0xff);
                }
                header = 10;
            }
            // A length must be given in its shortest form, and in 64 bits with the top one clear (RFC 6455 5.2): set,
            // it reads as negative here.
            boolean lengthMalformed = (header == 4 && payloadLength < 126) || (header == 10 && payloadLength < 65536);
            if ((first & 0x70) != 0 || (second & 0x80) == 0 || (opcode >= CLOSE && (!fin || payloadLength > 125))
                    || lengthMalformed) {
                close(1002, "protocol error");
                break;
            }
            if (fragments.size() + payloadLength > maxMessageBytes) {
                close(1009, "message too big");
                break;
            }
            int frameLength = header + 4 + (int) payloadLength;
            if (length - position < frameLength) {
                return position;
            }
            byte[] payload = new byte[(int) payloadLength];
            int maskAt = position + header;
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (bytes[maskAt + 4 + i] ^ bytes[maskAt + (i & 3)]);
            }
            position += frameLength;
            frame(fin, opcode, payload);
        }
        return length;
    }

    private void frame(boolean fin, int opcode, byte[] payload) {
        switch (opcode) {
            case 0, TEXT -> {
                if ((opcode == 0) != fragmented) {
                    close(1002, "protocol error");
                    return;
                }
                fragments.writeBytes(payload);
                fragmented = !fin;
                if (fin) {
                    byte[] message = fragments.toByteArray();
                    fragments.reset();
                    deliver(message);
                }
            }
            case BINARY -> close(1003, "text messages only");
            case CLOSE -> closeReceived(payload);
            case PING -> send(PONG, payload);
            case PONG -> {
                // An answer to our ping: the connection is alive, nothing else to do.
            }
            default -> close(1002, "protocol error");
        }
    }

    private void deliver(byte[] message) {
        String text = utf8(message, 0);
        if (text == null) {
            close(1007, "not UTF-8");
            return;
        }
        listener.onText(text);
    }

    /**
     * The peer's close frame (RFC 6455 5.5.1, 7.4): no payload, or a code a peer may send and a UTF-8 reason; the
     * code is echoed. A code only an endpoint's own API may use (1005, 1006, 1015) or one not registered is refused.
     */
    private void closeReceived(byte[] payload) {
        if (payload.length == 0) {
            close(1000, "");
            return;
        }
        int code = payload.length < 2 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        if (!sendableCloseCode(code)) {
            close(1002, "protocol error");
        } else if (utf8(payload, 2) == null) {
            close(1007, "not UTF-8");
        } else {
            close(code, "");
        }
    }

    /**
     * The codes RFC 6455 and the IANA registry give peers (1012-1014 were registered after the RFC, Netty accepts
     * them too), and the ranges for libraries and applications.
     */
    private static boolean sendableCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /** bytes[from..] as UTF-8; null when they are not. */
    private static String utf8(byte[] bytes, int from) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasToken(String header, String token) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            if (part.strip().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean validKey(String key) {
        try {
            return key != null && Base64.getDecoder().decode(key.strip()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String acceptValue(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.strip() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-1", e);
        }
    }
}
