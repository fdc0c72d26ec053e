import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A yardstick, not a proxy: the least work a JVM can do to carry MCP calls from HTTP to one stdio server and back
 * with the JSON handling any real proxy needs (Jackson trees, ids remapped so that clients cannot collide). One
 * selector thread reads requests and writes them to the child's stdin itself; one thread reads the child's answers
 * and writes them to the sockets itself. No sessions, no checks, no limits, no streams, no supervision: a stdin
 * write may block everything, and a malformed request ends the process. The benchmark runs it next to MCP Proxy
 * to show how far the proxy is from the floor of its platform on this machine.
 *
 *   java -cp 'mcp-proxy-server/target/lib/*' bench/floor/ForwarderFloor.java PORT COMMAND [ARGS...]
 */
public final class ForwarderFloor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ACCEPTED = ascii("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
    private static final byte[] OK_EMPTY = ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

    private record Caller(SocketChannel channel, JsonNode id) {
    }

    private final Map<Long, Caller> callers = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final OutputStream stdin;

    private ForwarderFloor(OutputStream stdin) {
        this.stdin = stdin;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Process child = new ProcessBuilder(Arrays.copyOfRange(args, 1, args.length))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ForwarderFloor floor = new ForwarderFloor(child.getOutputStream());
        Thread.ofPlatform().name("answers").start(() -> floor.answer(child.getInputStream()));
        floor.serve(port);
    }

    private void serve(int port) throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port));
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        while (true) {
            selector.select();
            for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                SelectionKey key = keys.next();
                keys.remove();
                if (key.isAcceptable()) {
                    SocketChannel channel = server.accept();
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(1 << 16));
                } else if (key.isReadable()) {
                    read(key);
                }
            }
        }
    }

    /** Reads what a client sent; one that hung up, even with a call in flight (wrk does at its end), is closed. */
    private void read(SelectionKey key) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        int read;
        try {
            read = channel.read(buffer);
        } catch (IOException reset) {
            read = -1;
        }
        if (read < 0) {
            key.cancel();
            channel.close();
        } else {
            takeRequests(channel, buffer);
        }
    }

    /** Handles every complete request in the buffer and keeps the rest for the next read. */
    private void takeRequests(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (true) {
            byte[] bytes = buffer.array();
            int length = buffer.position();
            int headEnd = headEnd(bytes, length);
            if (headEnd < 0) {
                return;
            }
            String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
            int bodyLength = contentLength(head);
            if (length < headEnd + bodyLength) {
                return;
            }
            byte[] body = Arrays.copyOfRange(bytes, headEnd, headEnd + bodyLength);
            System.arraycopy(bytes, headEnd + bodyLength, bytes, 0, length - headEnd - bodyLength);
            buffer.position(length - headEnd - bodyLength);
            if (head.startsWith("POST")) {
                forward(channel, (ObjectNode) JSON.readTree(body));
            } else {
                write(channel, OK_EMPTY);
            }
        }
    }

    private void forward(SocketChannel channel, ObjectNode message) throws IOException {
        JsonNode id = message.get("id");
        if (id == null) {
            write(channel, ACCEPTED);
        } else {
            long ours = nextId.incrementAndGet();
            callers.put(ours, new Caller(channel, id));
            message.put("id", ours);
        }
        byte[] line = JSON.writeValueAsBytes(message);
        synchronized (stdin) {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        }
    }

    private void answer(InputStream stdout) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.startsWith("{")) {
                    continue;
                }
                ObjectNode message = (ObjectNode) JSON.readTree(line);
                JsonNode id = message.get("id");
                Caller caller = id == null || message.has("method") ? null : callers.remove(id.asLong());
                if (caller == null) {
                    continue;
                }
                message.set("id", caller.id());
                byte[] body = JSON.writeValueAsBytes(message);
                byte[] head = ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n\r\n");
                try {
                    write(caller.channel(), head, body);
                } catch (IOException gone) {
                    // The caller hung up before its answer came: the answer has nowhere to go, the others do.
                }
            }
        } catch (IOException e) {
            System.err.println("the server's output ended: " + e.getMessage());
        }
    }

    private static void write(SocketChannel channel, byte[]... parts) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            out.put(part);
        }
        out.flip();
        synchronized (channel) {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }
    }

    private static int headEnd(byte[] bytes, int length) {
        for (int i = 3; i < length; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int contentLength(String head) {
        for (String header : head.split("\r\n")) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).equalsIgnoreCase("content-length")) {
                return Integer.parseInt(header.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
