package dev.mcpproxy.server.http1;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small HTTP/1.1 server for the MCP port: one selector thread accepts, reads and parses, and runs the handler
 * (which must not block); answers are written by the threads that have them. It does only what MCP's HTTP
 * transports need (whole requests with a length or chunked, whole responses, chunked event streams, keep-alive),
 * and refuses the rest with a short error. Written for this port because a general server's per-request
 * machinery cost more CPU per call than everything else the proxy does (docs/benchmarks.md).
 */
public final class Http1Server implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Http1Server.class.getName());

    /** What serves the requests: must answer every exchange, and must not block. */
    public interface Handler {
        void handle(Http1Request request, Http1Exchange exchange);

        /** The body of a refusal the server makes by itself (malformed request, too large, timeout). */
        byte[] errorBody(String message);
    }

    /**
     * @param requestTimeout  how long a request may take to arrive, from its first byte to its last
     * @param idleTimeout     how long a connection may idle between requests
     * @param writeTimeout    how long an answer may wait for a client that does not read it
     * @param maxQueuedBytes  output waiting for a slow client before it is cut off
     */
    public record Limits(int maxBodyBytes, Duration requestTimeout, Duration idleTimeout, Duration writeTimeout,
                         long maxQueuedBytes, int maxConnections) {

        public static Limits defaults(int maxBodyBytes) {
            return new Limits(maxBodyBytes, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(1),
                    32L * 1024 * 1024, 1024);
        }
    }

    private final String host;
    private final int port;
    private final Handler handler;
    private final Limits limits;
    private final Set<Http1Connection> connections = ConcurrentHashMap.newKeySet();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private Selector selector;
    private ServerSocketChannel listener;
    private Thread thread;
    private volatile boolean running;

    public Http1Server(String host, int port, Handler handler, Limits limits) {
        this.host = host;
        this.port = port;
        this.handler = handler;
        this.limits = limits;
    }

    /** Binds the port and starts serving. */
    public void start(String threadName) throws IOException {
        selector = Selector.open();
        listener = ServerSocketChannel.open();
        try {
            listener.bind(new InetSocketAddress(host, port), 128);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            listener.close();
            selector.close();
            throw e;
        }
        running = true;
        // Not a daemon: the serving threads are what keeps the sidecar alive once main returns.
        thread = Thread.ofPlatform().name(threadName).start(this::run);
    }

    public int port() {
        return listener.socket().getLocalPort();
    }

    Limits limits() {
        return limits;
    }

    byte[] errorBody(String message) {
        return handler.errorBody(message);
    }

    private void run() {
        ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
        long nextSweep = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (running) {
            try {
                selector.select(1000);
                for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    try {
                        serve(key, scratch);
                    } catch (VirtualMachineError e) {
                        // A few large bodies at once can exhaust a small heap: that connection goes, the port stays.
                        LOG.log(Level.WARNING, "Closed a connection after " + e, e);
                        if (key.attachment() instanceof Http1Connection connection) {
                            connection.close();
                        }
                    }
                }
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                long now = System.nanoTime();
                if (now > nextSweep) {
                    nextSweep = now + Duration.ofSeconds(1).toNanos();
                    connections.forEach(c -> c.checkTimeouts(now));
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (RuntimeException | IOException e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "HTTP server loop: " + e, e);
            }
        }
    }

    private void serve(SelectionKey key, ByteBuffer scratch) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        Http1Connection connection = (Http1Connection) key.attachment();
        if (key.isWritable()) {
            connection.onWritable();
        }
        if (key.isValid() && key.isReadable()) {
            connection.onReadable(scratch);
        }
    }

    private void accept() throws IOException {
        for (SocketChannel channel; (channel = listener.accept()) != null; ) {
            if (connections.size() >= limits.maxConnections()) {
                LOG.warning("Refused a connection: " + limits.maxConnections() + " are open already");
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Http1Connection connection = new Http1Connection(this, channel);
            connections.add(connection);
            connection.registered(channel.register(selector, SelectionKey.OP_READ, connection));
        }
    }

    /** Runs the handler; a handler that throws gets a 500 for its request, not a dead connection loop. */
    void dispatch(Http1Request request, Http1Exchange exchange) {
        try {
            handler.handle(request, exchange);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Request " + request.method() + " " + request.path() + " failed: " + e, e);
            exchange.respond(500, "application/json", handler.errorBody("Internal error"));
        }
    }

    /** Runs {@code task} on the selector thread: at once when already there, else as soon as it wakes. */
    void onSelector(Runnable task) {
        if (Thread.currentThread() == thread) {
            task.run();
        } else {
            later(task);
        }
    }

    /** Runs {@code task} on the selector thread once the current step is done. */
    void later(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    void forget(Http1Connection connection) {
        connections.remove(connection);
    }

    /** Stops accepting, closes every connection (ending their streams) and the selector. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            // Going away either way.
        }
        connections.forEach(Http1Connection::close);
        selector.wakeup();
        try {
            thread.join(2000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // Going away either way.
        }
    }
}
