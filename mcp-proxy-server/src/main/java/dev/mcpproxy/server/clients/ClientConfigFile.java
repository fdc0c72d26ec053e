package dev.mcpproxy.server.clients;

import dev.mcpproxy.core.files.AtomicFile;
import dev.mcpproxy.core.json.JsonTextDocument;
import dev.mcpproxy.core.json.JsonTextDocument.Dialect;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A client's configuration file, and this proxy's entry in it: previewed as a diff, written with the previous bytes
 * kept beside it as {@code NAME.mcp-proxy-backup}, and undone from that backup byte for byte. When there was no file,
 * {@code NAME.mcp-proxy-created} says so instead, and undo removes the file. A file that cannot be parsed is never
 * written, nor backed up. The caller runs one operation at a time per file.
 */
public final class ClientConfigFile {

    /**
     * A client's file holds a few servers: kilobytes. One past this is not such a file, and reading it whole (three
     * times, with the diff) for an answer is what the bound prevents.
     */
    static final long MAX_BYTES = 1024 * 1024;

    /** What the user has to fix (a file that does not parse, a missing folder) before the edit can be made. */
    public static final class ClientFileException extends Exception {
        private final boolean malformed;

        ClientFileException(boolean malformed, String message) {
            super(message, null, false, false);
            this.malformed = malformed;
        }

        /** The file is there but cannot be read as the client's configuration; it was left untouched. */
        public boolean malformed() {
            return malformed;
        }
    }

    /** What the list of clients shows about the file. */
    public record Status(boolean exists, boolean connected, boolean canUndo, Optional<String> problem) {
    }

    /**
     * The edit, shown or made.
     *
     * @param backup where the previous bytes were kept, when the edit was made over an existing file
     */
    public record Change(boolean existed, String before, String after, String diff, boolean changed, boolean applied,
                         Optional<Path> backup) {
    }

    /** @param removed the file did not exist before the connect, and is gone again */
    public record Undo(boolean restored, boolean removed) {
    }

    private final ClientApp app;
    private final Path path;

    public ClientConfigFile(ClientApp app) {
        this.app = app;
        this.path = app.file().orElseThrow(() -> new IllegalArgumentException(app.name() + " has no file"));
    }

    public Path backup() {
        return path.resolveSibling(path.getFileName() + ".mcp-proxy-backup");
    }

    Path createdMarker() {
        return path.resolveSibling(path.getFileName() + ".mcp-proxy-created");
    }

    public Status status(String mcpUrl) {
        boolean canUndo = Files.exists(backup()) || Files.exists(createdMarker());
        try {
            Optional<byte[]> bytes = read();
            if (bytes.isEmpty()) {
                return new Status(false, false, canUndo, Optional.empty());
            }
            JsonTextDocument document = parse(decode(bytes.get()));
            boolean connected = document.value() != null && app.connectedIn(document.value(), mcpUrl);
            return new Status(true, connected, canUndo, Optional.empty());
        } catch (ClientFileException e) {
            return new Status(true, false, canUndo, Optional.of(e.getMessage()));
        } catch (IOException e) {
            return new Status(Files.exists(path), false, canUndo, Optional.of("Could not read " + path + ": " + e));
        }
    }

    /** The file with this proxy's entry set; written only when {@code apply} and something changes. */
    public Change connect(boolean apply) throws ClientFileException, IOException {
        Optional<byte[]> old = read();
        String before = old.isPresent() ? decode(old.get()) : "";
        JsonTextDocument document = parse(before);
        String after;
        try {
            after = document.withMember(app.entryPath(), app.entry());
        } catch (JsonTextDocument.JsonTextException e) {
            throw new ClientFileException(true, app.name() + "'s file " + path + " has no place for the entry, at "
                    + e.getMessage() + ". It was left as it is: fix it, then connect again.");
        }
        boolean changed = old.isEmpty() || !after.equals(before);
        String diff = TextDiff.unified(path.toString(), old.isPresent(), before, after);
        if (!apply || !changed) {
            return new Change(old.isPresent(), before, after, diff, changed, false, Optional.empty());
        }
        if (!Files.isDirectory(path.getParent())) {
            throw new ClientFileException(false, app.name() + " keeps its settings in " + path.getParent()
                    + ", which does not exist: is " + app.name() + " installed? Start it once, then connect again.");
        }
        byte[] written = after.getBytes(StandardCharsets.UTF_8);
        if (old.isPresent()) {
            // A link (a dotfiles checkout) stays a link: the file it points to is the one replaced.
            Path target = path.toRealPath();
            AtomicFile.write(backup(), old.get(), AtomicFile.permissions(target));
            Files.deleteIfExists(createdMarker());
            AtomicFile.write(target, written, AtomicFile.permissions(target));
            return new Change(true, before, after, diff, true, true, Optional.of(backup()));
        }
        Files.deleteIfExists(backup());
        Files.writeString(createdMarker(), "MCP Proxy created " + path.getFileName() + "; undoing its connect "
                + "removes it.\n");
        AtomicFile.write(path, written, Optional.empty());
        return new Change(false, before, after, diff, true, true, Optional.empty());
    }

    /** Puts back what the last connect replaced: the backup's bytes, or no file when there was none. */
    public Undo undo() throws ClientFileException, IOException {
        if (Files.exists(backup())) {
            byte[] previous = Files.readAllBytes(backup());
            Path target = Files.exists(path) ? path.toRealPath() : path;
            AtomicFile.write(target, previous, AtomicFile.permissions(backup()));
            Files.delete(backup());
            return new Undo(true, false);
        }
        if (Files.exists(createdMarker())) {
            Files.deleteIfExists(path);
            Files.delete(createdMarker());
            return new Undo(false, true);
        }
        throw new ClientFileException(false, "Nothing to undo for " + app.name() + ": there is no " + backup()
                .getFileName() + " beside " + path + " (a connect made through this proxy leaves one).");
    }

    private Optional<byte[]> read() throws IOException, ClientFileException {
        try {
            if (Files.isDirectory(path)) {
                throw new ClientFileException(true, path + " is a folder, not " + app.name() + "'s file");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new ClientFileException(true, path + " is " + size + " bytes, more than the " + MAX_BYTES
                        + " of any client's configuration; it was left as it is");
            }
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private String decode(byte[] bytes) throws ClientFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ClientFileException(true, app.name() + "'s file " + path + " is not UTF-8 text; it was left as it "
                    + "is. Save it as UTF-8, then connect again.");
        }
    }

    private JsonTextDocument parse(String text) throws ClientFileException {
        try {
            return JsonTextDocument.parse(text, app.dialect());
        } catch (JsonTextDocument.JsonTextException e) {
            throw new ClientFileException(true, app.name() + "'s file " + path + " is not valid "
                    + (app.dialect() == Dialect.JSONC ? "JSON with comments" : "JSON") + " at " + e.getMessage()
                    + ". It was left as it is: fix it, then connect again.");
        }
    }
}
