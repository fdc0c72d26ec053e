package dev.mcpproxy.desktop.config;

import dev.mcpproxy.core.files.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The app's small files (the window's place, the login entries) written whole or not at all: into a temporary file
 * beside the target, then moved over it ({@link AtomicFile}), so that a reader, or a crash halfway, never sees half a
 * file.
 */
public final class AtomicText {

    private AtomicText() {
    }

    /** Replaces {@code file} with {@code text} (UTF-8), creating its folder first. */
    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
