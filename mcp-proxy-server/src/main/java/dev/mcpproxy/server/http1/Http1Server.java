package dev.mcpproxy.server.http1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
    private static final long SWEEP_NANOS = Duration.ofSeconds(1).toNanos();

    /** What serves the requests: must answer every exchange, and must not block. */
    public interface Handler {
        /**
         * Checks a request's head (Host, Origin, credentials, route) as soon as it has arrived, before anything of
         * its body is read or buffered and before {@code 100 Continue}: a refusal is answered at once and the body
         * never read. Runs on the selector thread.
         */
        Optional<Refusal> admit(Http1Head head);

        void handle(Http1Request request, Http1Exchange exchange);

        /** The body of a refusal (the handler's, or the server's own: malformed request, too large, timeout). */
        byte[] errorBody(String message);
    }

    /** A request refused at its head: the status, a short message for {@link Handler#errorBody}, extra headers. */
    public record Refusal(int status, String message, Map<String, String> headers) {

        public Refusal(int status, String message) {
            this(status, message, Map.of());
        }
    }

    /**
     * @param maxBodyBytes     the largest body one request may have
     * @param maxBufferedBytes what all requests still arriving may hold in memory together (heads, bodies, and the
     *                         4 KiB each open connection keeps): beyond it a request gets 503
     * @param headTimeout      how long a new connection may take to send a whole head, and a head to arrive
     * @param requestTimeout   how long a request may take to arrive, from its first byte to its last
     * @param idleTimeout      how long a connection may idle between requests
     * @param writeTimeout     how long an answer may wait for a client that does not read it
     * @param maxQueuedBytes   output waiting for a slow client before it is cut off
     * @param maxConnections   open connections; when all are taken, the one that made least progress (and has no
     *                         exchange in flight) makes room for a new one
     */
    public record Limits(int maxBodyBytes, long maxBufferedBytes, Duration headTimeout, Duration requestTimeout,
                         Duration idleTimeout, Duration writeTimeout, long maxQueuedBytes, int maxConnections) {

        /**
         * A client sends its head at once: 10 s leaves room for a slow machine's first request and still frees a
         * slot held by a connection that sends nothing long before the 10 minutes a keep-alive connection may idle.
         * 1,024 connections are far more than the local clients of one proxy open.
         */
        public static Limits defaults(int maxBodyBytes, long maxBufferedBytes) {
            return new Limits(maxBodyBytes, maxBufferedBytes, Duration.ofSeconds(10), Duration.ofSeconds(30),
                    Duration.ofMinutes(10), Duration.ofMinutes(1), 32L * 1024 * 1024, 1024);
        }
    }

    private final String host;
    private final int port;
    private final Handler handler;
    private final Limits limits;
    private final InputBudget budget;
    private final Set<Http1Connection> connections = ConcurrentHashMap.newKeySet();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Selector thread only: OutOfMemoryErrors caught, and how many of them were logged. */
    private long outOfMemory;
    private long outOfMemoryLogged;
    private Selector selector;
    private ServerSocketChannel listener;
    private Thread thread;
    /** Completes when the selector thread has ended, however it ended. */
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean running;

    public Http1Server(String host, int port, Handler handler, Limits limits) {
        this.host = host;
        this.port = port;
        this.handler = handler;
        this.limits = limits;
        this.budget = new InputBudget(limits.maxBufferedBytes());
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
        thread = Thread.ofPlatform().name(threadName).start(() -> {
            try {
                run();
            } finally {
                stopped.complete(null);
            }
        });
    }

    public int port() {
        return listener.socket().getLocalPort();
    }

    Limits limits() {
        return limits;
    }

    InputBudget budget() {
        return budget;
    }

    byte[] errorBody(String message) {
        return handler.errorBody(message);
    }

    Optional<Refusal> admit(Http1Head head) {
        return handler.admit(head);
    }

    /**
     * The selector loop. It must not die of anything a request does: a dead loop is a dead port in a live process.
     * An {@link OutOfMemoryError} is handled without allocating (the heap is full, a message built now would throw
     * again): the connection whose work raised it is closed, which frees its buffers, and the count is logged by the
     * next sweep. The launcher's policy for a process that keeps running out of memory (exit non-zero so that the
     * desktop restarts it) is the JVM's, not this loop's.
     */
    private void run() {
        ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
        long nextSweep = System.nanoTime() + SWEEP_NANOS;
        while (running) {
            try {
                // The action form of select: no selected-key set to fill and empty again, a node allocated per key.
                selector.select(key -> {
                    try {
                        serve(key, scratch);
                    } catch (OutOfMemoryError e) {
                        outOfMemory++;
                        if (key.attachment() instanceof Http1Connection connection) {
                            connection.close();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, 1000);
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                long now = System.nanoTime();
                if (now > nextSweep) {
                    nextSweep = now + SWEEP_NANOS;
                    sweep(now);
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (OutOfMemoryError e) {
                outOfMemory++;
            } catch (RuntimeException | IOException | Error e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "HTTP server loop: " + e, e);
            }
        }
    }

    private void sweep(long now) {
        for (Http1Connection connection : connections) {
            connection.checkTimeouts(now);
        }
        if (outOfMemory > outOfMemoryLogged) {
            LOG.warning("Ran out of memory serving requests; closed the connections concerned ("
                    + (outOfMemory - outOfMemoryLogged) + " times since the last report)");
            outOfMemoryLogged = outOfMemory;
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
            if (connections.size() >= limits.maxConnections() && !evictOne()) {
                LOG.warning("Refused a connection: " + limits.maxConnections() + " are open already, each with an "
                        + "exchange in flight");
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

    /**
     * Makes room for a new connection: closes the open one that made least progress (the oldest last byte or answer)
     * among those with no exchange in flight and no stream open, so that one client holding every slot with
     * connections that send nothing cannot lock out /health. False when every connection is busy.
     */
    private boolean evictOne() {
        Http1Connection victim = null;
        for (Http1Connection connection : connections) {
            if (connection.evictable() && (victim == null || connection.progressNanos() < victim.progressNanos())) {
                victim = connection;
            }
        }
        if (victim == null) {
            return false;
        }
        victim.close();
        return true;
    }

    /**
     * Runs the handler; a handler that throws gets a 500 for its request (one out of memory loses its connection),
     * not a dead connection loop.
     */
    void dispatch(Http1Request request, Http1Exchange exchange) {
        try {
            handler.handle(request, exchange);
        } catch (OutOfMemoryError e) {
            // Nothing allocated here (see run): the connection goes, with the memory its request took.
            outOfMemory++;
            exchange.closeConnection();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "Request " + request.method() + " " + request.path() + " failed: " + e, e);
            exchange.respond(500, "application/json", handler.errorBody("Internal error"));
        }
    }

    /** Completes when the server no longer serves: closed, or its thread ended for any other reason. */
    public CompletableFuture<Void> stopped() {
        return stopped;
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
