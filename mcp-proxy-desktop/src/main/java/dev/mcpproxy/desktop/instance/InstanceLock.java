package dev.mcpproxy.desktop.instance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * One app per user: {@code desktop.lock} in the state folder, locked by the running app (the system releases the
 * lock when the app dies, however it dies) and holding its {@link LockRecord}. The record a new owner finds there is
 * the previous app's, which may name a sidecar left running.
 */
public final class InstanceLock implements AutoCloseable {

    public static final String FILE_NAME = "desktop.lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final Optional<LockRecord> previous;

    private InstanceLock(FileChannel channel, FileLock lock, Optional<LockRecord> previous) {
        this.channel = channel;
        this.lock = lock;
        this.previous = previous;
    }

    /** The lock, or empty when another running app holds it. */
    public static Optional<InstanceLock> acquire(Path stateFolder) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(stateFolder, posix ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0]);
        Path file = stateFolder.resolve(FILE_NAME);
        // The record holds the launch token: the file is the user's alone, as the sidecar's token files are.
        FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE), posix ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0]);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new InstanceLock(channel, lock, LockRecord.parse(contents(channel))));
    }

    /**
     * Read through the locked channel: the lock is a POSIX record lock, which the system drops when this process
     * closes any descriptor of the file, so opening it a second time here would let a second app in.
     */
    private static String contents(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
        while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
            // Reads until the buffer, as large as the file, is full.
        }
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    }

    /** What the lock file says, read without taking the lock: the running app's record, for a second launch. */
    public static Optional<LockRecord> read(Path stateFolder) {
        try {
            return LockRecord.parse(Files.readString(stateFolder.resolve(FILE_NAME), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The record of the app that held the lock before this one. */
    public Optional<LockRecord> previous() {
        return previous;
    }

    public synchronized void write(LockRecord record) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(record.toJson().getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
    }

    @Override
    public synchronized void close() throws IOException {
        lock.release();
        channel.close();
    }
}
