package dev.mcpproxy.core.config;

import dev.mcpproxy.core.files.AtomicFile;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The configuration file on disk: read, replaced atomically with the previous version kept beside it as
 * {@code NAME.bak}, and watched for edits made by hand.
 */
public final class ConfigFile implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.config");

    private static final java.time.Duration SETTLE = java.time.Duration.ofMillis(150);

    private final Path path;
    private String lastKnown;
    private WatchService watcher;

    public ConfigFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }

    public Path backup() {
        return path.resolveSibling(path.getFileName() + ".bak");
    }

    /** The file's text; empty when it does not exist (the defaults apply). */
    public synchronized String read() throws IOException {
        try {
            lastKnown = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lastKnown = "";
        }
        return lastKnown;
    }

    /**
     * Replaces the file with {@code text}: written to a temporary file in the same folder and flushed to disk, the
     * old file copied to the backup, then renamed over it, so a reader sees the old file or the new one, never a
     * part. The caller has validated {@code text}.
     */
    public synchronized void write(String text) throws IOException {
        Files.createDirectories(path.getParent());
        AtomicFile.write(path, text.getBytes(StandardCharsets.UTF_8), Optional.empty(), () -> {
            if (Files.exists(path)) {
                Files.copy(path, backup(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        });
        lastKnown = text;
    }

    /**
     * Calls {@code onEdit} with the new text whenever the file changes on disk in a way this object did not write
     * (an edit by hand, another program). Runs on a virtual thread until {@link #close()}.
     */
    public void watch(Consumer<String> onEdit) throws IOException {
        WatchService service = path.getFileSystem().newWatchService();
        path.getParent().register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        synchronized (this) {
            watcher = service;
        }
        Thread.ofVirtual().name("config-watch").start(() -> {
            try {
                for (;;) {
                    WatchKey key = service.take();
                    boolean ours = key.pollEvents().stream().anyMatch(e -> path.getFileName().equals(e.context()));
                    key.reset();
                    // A save is often a truncate and then writes: let it settle before reading.
                    Thread.sleep(SETTLE.toMillis());
                    for (WatchKey more = service.poll(); more != null; more = service.poll()) {
                        ours |= more.pollEvents().stream().anyMatch(e -> path.getFileName().equals(e.context()));
                        more.reset();
                    }
                    if (ours) {
                        changedOnDisk().ifPresent(onEdit);
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // Closed: watching ends.
            }
        });
    }

    private synchronized java.util.Optional<String> changedOnDisk() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            // Deleted, or mid-way through an editor's save by rename: the running configuration stays.
            return java.util.Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not read {0}: {1}", path, e.getMessage());
            return java.util.Optional.empty();
        }
        if (text.equals(lastKnown) || text.isBlank()) {
            // Blank is a save caught half-way far more often than a wish to remove every server.
            return java.util.Optional.empty();
        }
        lastKnown = text;
        return java.util.Optional.of(text);
    }

    @Override
    public synchronized void close() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }
}
