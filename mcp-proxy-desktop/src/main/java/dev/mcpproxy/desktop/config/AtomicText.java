package dev.mcpproxy.desktop.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The app's small files (the window's place, the login entries) written whole or not at all: into a temporary file
 * beside the target, then moved over it, so that a reader, or a crash halfway, never sees half a file.
 */
public final class AtomicText {

    private AtomicText() {
    }

    /** Replaces {@code file} with {@code text} (UTF-8), creating its folder first. */
    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
