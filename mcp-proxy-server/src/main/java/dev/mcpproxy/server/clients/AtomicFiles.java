package dev.mcpproxy.server.clients;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/** Files replaced whole: a reader (the client starting) sees the old bytes or the new ones, never a part. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to a temporary file beside {@code target}, flushes it to disk and moves it over the
     * target. The temporary file is the user's alone (the JDK makes it so); it takes {@code permissions} when given,
     * those of the file it replaces, since a client's file may hold the keys of its servers.
     */
    static void write(Path target, byte[] bytes, Optional<Set<PosixFilePermission>> permissions) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            if (permissions.isPresent()) {
                Files.setPosixFilePermissions(temp, permissions.get());
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A file's POSIX permissions; empty where the file system has none (Windows). */
    static Optional<Set<PosixFilePermission>> permissions(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return Optional.empty();
        }
        return Optional.of(Files.getPosixFilePermissions(file));
    }
}
