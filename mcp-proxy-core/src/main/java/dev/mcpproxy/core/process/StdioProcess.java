package dev.mcpproxy.core.process;

import dev.mcpproxy.shared.OperatingSystem;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A child process spoken to line by line: stdout lines to a listener, stderr lines to the server's log.
 * Callers (HTTP threads) must never block on a pipe a child stopped reading. A line is written on the caller's
 * thread only when it surely fits in the pipe: when what the child may not have read yet, this line included, is
 * within the smallest pipe buffer of any system; what the child has read is known from the answers it gave
 * ({@link #childHasRead}). Otherwise lines go through an outbox that a thread of this process's own drains, and
 * lines queued while one write is under way leave in one write. The direct way saves waking that thread once per
 * call.
 */
public final class StdioProcess {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.process");
    /** How much may wait for a child that does not read its stdin before sends fail instead of queueing. */
    private static final long MAX_WAITING_BYTES = 16L << 20;
    private static final byte[] END_OF_INPUT = new byte[0];
    /** Linux's pipe buffer is 64 KiB, one page once the user's pipe quota is spent; macOS's at least 16 KiB. */
    private static final long SURELY_FITS_IN_PIPE = 4096;

    private final String name;
    private final Process process;
    private final OrphanGuard guard;
    private final OutputStream stdin;
    private final LinkedBlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private final AtomicLong waitingBytes = new AtomicLong();
    private final Object writeLock = new Object();
    /** Bytes written to stdin or queued for it; guarded by writeLock. */
    private long written;
    /** Whether the outbox holds lines or its thread is writing them; guarded by writeLock. */
    private boolean outboxInUse;
    /** How many of the bytes written the child has certainly read. */
    private final AtomicLong readByChild = new AtomicLong();
    private volatile boolean inputClosed;
    private final CompletableFuture<ExitStatus> exited = new CompletableFuture<>();
    private final LogRing logs;
    private volatile boolean stopping;

    private StdioProcess(String name, Process process, OrphanGuard guard, LogRing logs) {
        this.name = name;
        this.process = process;
        this.guard = guard;
        this.logs = logs;
        // The JDK's pipe stream buffers already (8 KiB), which is all the outbox's batching needs: a buffer of ours
        // on top cost every server 64 KiB of heap, 64 MB for a configuration of 1,000 servers.
        this.stdin = process.getOutputStream();
    }

    /**
     * Starts the child. A command that cannot be executed fails here, with what is wrong, instead of as an exit
     * code from {@code setsid} later; anything that fails once the child runs ends the child before it is thrown.
     */
    public static StdioProcess start(ProcessSpec spec, StdoutHandler stdout, LogRing logs, OrphanGuard guard)
            throws IOException {
        Optional<String> cannot = startFailure(spec);
        if (cannot.isPresent()) {
            throw new CannotExecuteException(cannot.get());
        }
        ProcessBuilder builder = ChildEnvironment.builder(guard.killer().launchCommand(spec.command()), spec.env());
        spec.cwd().ifPresent(dir -> builder.directory(dir.toFile()));
        if (OperatingSystem.current() == OperatingSystem.WINDOWS) {
            builder.command(windowsArgv(spec, builder));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(spec.serverName() + ": could not start `" + spec.command().getFirst() + "`: "
                    + e.getMessage(), e);
        }
        try {
            StdioProcess child = new StdioProcess(spec.serverName(), process, guard, logs);
            guard.watch(process.pid());
            Thread.ofPlatform().name(spec.serverName() + "-stdin").daemon().start(child::drainOutbox);
            Thread out = protocolReader(spec.serverName() + "-stdout", process.getInputStream(), stdout);
            Thread err = logReader(spec.serverName() + "-stderr", process.getErrorStream(),
                    line -> logs.append(LogStream.STDERR, new String(line, StandardCharsets.UTF_8)));
            process.onExit().thenRunAsync(() -> child.finish(out, err), r -> Thread.ofVirtual().start(r));
            return child;
        } catch (RuntimeException | Error e) {
            // No thread would read or reap it, and the orphan guard may not know it: it must not outlive this.
            guard.killer().signal(process.toHandle(), true);
            throw e;
        }
    }

    /**
     * Why {@code spec} cannot be executed, checked the way exec will: a command with a {@code /} against the child's
     * working directory, a bare name against the PATH the child gets.
     */
    private static Optional<String> startFailure(ProcessSpec spec) {
        Path cwd = spec.cwd().orElse(Path.of(System.getProperty("user.dir")));
        if (!Files.isDirectory(cwd)) {
            return Optional.of(spec.serverName() + ": the working directory " + cwd + " does not exist. Fix cwd.");
        }
        if (OperatingSystem.current() == OperatingSystem.WINDOWS) {
            // Found by windowsArgv, with the extensions of PATHEXT.
            return Optional.empty();
        }
        String command = spec.command().isEmpty() ? "" : spec.command().getFirst();
        if (command.contains("/")) {
            return problemWith(cwd.resolve(command)).map(p -> spec.serverName() + ": `" + command + "`: " + p
                    + (Path.of(command).isAbsolute() ? "" : " (relative to " + cwd + ")") + ".");
        }
        String path = ChildEnvironment.path(spec.env());
        for (String dir : path.split(File.pathSeparator, -1)) {
            // An empty entry means the working directory, as for exec.
            Path candidate = (dir.isEmpty() ? cwd : cwd.resolve(dir)).resolve(command);
            if (!command.isEmpty() && problemWith(candidate).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(spec.serverName() + ": `" + command + "`: not found on PATH (" + path
                + "). Install it or give its full path in command.");
    }

    /**
     * On Windows: the program found on the child's PATH with PATHEXT's extensions, a batch file run through cmd.exe
     * with its arguments escaped ({@link WindowsCommand}).
     */
    private static List<String> windowsArgv(ProcessSpec spec, ProcessBuilder builder) throws CannotExecuteException {
        String cwd = spec.cwd().orElse(Path.of(System.getProperty("user.dir"))).toAbsolutePath().toString();
        WindowsCommand.Search search = WindowsCommand.Search.of(builder.environment(), cwd, StdioProcess::isFile);
        String command = spec.command().isEmpty() ? "" : spec.command().getFirst();
        return WindowsCommand.argv(spec.serverName(), spec.command(), search).orElseThrow(() ->
                new CannotExecuteException(spec.serverName() + ": `" + command + "`: not found on PATH (" + search.path()
                        + ") with any extension of PATHEXT (" + search.pathext() + "). Install it or give its full path "
                        + "in command."));
    }

    private static boolean isFile(String path) {
        try {
            return Files.isRegularFile(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static Optional<String> problemWith(Path file) {
        if (!Files.exists(file)) {
            return Optional.of("no such file");
        }
        if (Files.isDirectory(file)) {
            return Optional.of("is a directory, not a program");
        }
        if (!Files.isExecutable(file)) {
            return Optional.of("permission denied (not executable; chmod +x it)");
        }
        return Optional.empty();
    }

    /**
     * The thread reading the child's protocol stream: lines up to the handler's limit. What a line's handling throws
     * is logged and that line dropped (an OutOfMemoryError too: the line and what was built of it are unreachable
     * once it unwinds). A reader that cannot go on tells the handler, whose transport then ends the process: a
     * server must never look running with no one reading it.
     */
    private static Thread protocolReader(String threadName, InputStream stream, StdoutHandler handler) {
        return Thread.ofPlatform().name(threadName).daemon().start(() -> {
            try (stream) {
                LineSplitter.messages(stream, new GuardedLines(threadName, handler), LargeMessageBudget.SHARED).run();
            } catch (IOException e) {
                // The process is gone; its exit is reported by finish().
            } catch (Throwable e) {
                LOG.log(Level.ERROR, threadName + " stopped reading: " + e, e);
                handler.readerFailed(threadName + " stopped reading: " + e);
            }
        });
    }

    /**
     * The thread reading the child's log stream: lines cut at {@link LogLines#MAX_LENGTH}, what their handling throws
     * logged and the line dropped. A reader that cannot go on still empties the pipe, before it closes it: a child
     * blocked on a full stderr pipe would hang, and one writing to a closed pipe would die of SIGPIPE.
     */
    private static Thread logReader(String threadName, InputStream stream, Consumer<byte[]> sink) {
        return Thread.ofPlatform().name(threadName).daemon().start(() -> {
            try {
                LineSplitter.log(stream, new GuardedLines(threadName, new LogLines(sink))).run();
            } catch (IOException e) {
                // The process is gone; its exit is reported by finish().
            } catch (Throwable e) {
                LOG.log(Level.ERROR, threadName + " stopped reading: " + e, e);
                try {
                    stream.transferTo(OutputStream.nullOutputStream());
                } catch (IOException gone) {
                    // The process is gone.
                }
            } finally {
                try {
                    stream.close();
                } catch (IOException e) {
                    // Closing is all that is left to do with it.
                }
            }
        });
    }

    private void finish(Thread out, Thread err) {
        try {
            out.join(Duration.ofSeconds(5));
            err.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        guard.unwatch(process.pid());
        exited.complete(new ExitStatus(process.exitValue(), stopping, logs.lastStderr(10)));
    }

    /**
     * Sends one line (UTF-8, without its newline) to stdin and returns at once, without blocking; lines reach the
     * child in the order they were sent. Returns the line's end as an offset in everything written to stdin.
     */
    public long writeLine(byte[] line) throws IOException {
        if (inputClosed) {
            throw new IOException(name + " no longer takes input");
        }
        byte[] bytes = Arrays.copyOf(line, line.length + 1);
        bytes[line.length] = '\n';
        synchronized (writeLock) {
            long end = written + bytes.length;
            if (!outboxInUse && end - readByChild.get() <= SURELY_FITS_IN_PIPE) {
                try {
                    stdin.write(bytes);
                    stdin.flush();
                } catch (IOException e) {
                    throw new IOException(name + " no longer takes input", e);
                }
                written = end;
                return end;
            }
            if (waitingBytes.addAndGet(bytes.length) > MAX_WAITING_BYTES) {
                waitingBytes.addAndGet(-bytes.length);
                throw new IOException(name + " is not reading its input (" + (MAX_WAITING_BYTES >> 20)
                        + " MiB are waiting)");
            }
            outboxInUse = true;
            outbox.add(bytes);
            written = end;
            return end;
        }
    }

    /** The child has read stdin up to {@code offset} (a {@link #writeLine} result): it answered what ends there. */
    public void childHasRead(long offset) {
        readByChild.accumulateAndGet(offset, Math::max);
    }

    private void drainOutbox() {
        List<byte[]> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(outbox.take());
                outbox.drainTo(batch);
                for (byte[] line : batch) {
                    if (line == END_OF_INPUT) {
                        stdin.close();
                        return;
                    }
                    stdin.write(line);
                    waitingBytes.addAndGet(-line.length);
                }
                stdin.flush();
                batch.clear();
                synchronized (writeLock) {
                    outboxInUse = !outbox.isEmpty();
                }
            }
        } catch (IOException e) {
            // The child closed its stdin or exited; its exit is reported by finish().
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inputClosed = true;
            outbox.clear();
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Completes once the process has exited and all its output has been read. */
    public CompletableFuture<ExitStatus> exited() {
        return exited;
    }

    /** Closes stdin, asks the whole tree to end, and forces it after {@code grace}. Returns when it is gone. */
    public void stop(Duration grace) {
        stopping = true;
        inputClosed = true;
        synchronized (writeLock) {
            outboxInUse = true;
            outbox.add(END_OF_INPUT);
        }
        TreeKiller killer = guard.killer();
        if (process.isAlive()) {
            killer.signal(process.toHandle(), false);
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "{0} did not exit within {1} ms of SIGTERM; killing it", name, grace.toMillis());
            }
            killer.signal(process.toHandle(), true);
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
