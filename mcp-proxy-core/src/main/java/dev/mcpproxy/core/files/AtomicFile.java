package dev.mcpproxy.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Files replaced whole, for everything the proxy and the app write (their configuration, secrets, tokens, a client's
 * settings): a reader sees the old bytes or the new ones, and a crash or a full disk halfway leaves the old file as
 * it was. The bytes go into a temporary file beside the target, which the JDK creates readable by the user alone, are
 * flushed to disk, and the temporary file is renamed over the target.
 */
public final class AtomicFile {

    /** What to do once the new bytes are safely on disk, just before they replace the target. */
    @FunctionalInterface
    public interface BeforeReplacing {
        void run() throws IOException;
    }

    private AtomicFile() {
    }

    /** Replaces {@code target} with {@code bytes}, readable by the user alone. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, Optional.empty(), () -> { });
    }

    /** The same with {@code permissions} when given: those of the file replaced, which may be shared with a group. */
    public static void write(Path target, byte[] bytes, Optional<Set<PosixFilePermission>> permissions)
            throws IOException {
        write(target, bytes, permissions, () -> { });
    }

    /**
     * The same with {@code beforeReplacing} run between the write and the rename: e.g. copying the old file to a
     * backup, which a write that fails then has not touched.
     */
    public static void write(Path target, byte[] bytes, Optional<Set<PosixFilePermission>> permissions,
                             BeforeReplacing beforeReplacing) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
        try {
            if (permissions.isPresent()) {
                Files.setPosixFilePermissions(temp, permissions.get());
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            beforeReplacing.run();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some network file systems rename only without the promise; the file is still written whole first.
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A file's POSIX permissions; empty where the file system has none (Windows). */
    public static Optional<Set<PosixFilePermission>> permissions(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return Optional.empty();
        }
        return Optional.of(Files.getPosixFilePermissions(file));
    }
}
