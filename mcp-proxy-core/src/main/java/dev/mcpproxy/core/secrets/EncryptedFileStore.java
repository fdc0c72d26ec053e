package dev.mcpproxy.core.secrets;

import dev.mcpproxy.core.files.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fallback where no credential store is usable: every value in {@code secrets.enc}, AES-256-GCM under a random
 * key in {@code secrets.key} beside it, both readable by the user alone, in a folder only the user can enter. The key
 * beside the data protects against a copied or backed-up {@code secrets.enc} and a glance at the folder, not against
 * the user's own account; that is what a credential store is for, hence the warning {@link SecretStores} gives.
 * Every call reads the file afresh (a command-line {@code secret set} and the running sidecar share it), under a lock
 * file so that two writers, in one process or two, never lose each other's change.
 */
public final class EncryptedFileStore implements SecretStore {

    /** Marks the format; also the GCM associated data, so a file of another format is refused, not misread. */
    private static final byte[] MAGIC = "MCPSEC1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** FileLock guards against other processes only; this guards the threads of this one. */
    private static final Object IN_PROCESS = new Object();

    private final Path data;
    private final Path key;
    private final Path lock;

    public EncryptedFileStore(Path folder) {
        this.data = folder.resolve("secrets.enc");
        this.key = folder.resolve("secrets.key");
        this.lock = folder.resolve(".secrets.lock");
    }

    public Path file() {
        return data;
    }

    @Override
    public Optional<String> get(String name) throws SecretStoreException {
        SecretNames.check(name);
        return Optional.ofNullable(locked(false, values -> values).get(name));
    }

    @Override
    public void put(String name, String value) throws SecretStoreException {
        SecretNames.check(name);
        SecretNames.checkValue(value);
        locked(true, values -> {
            values.put(name, value);
            return values;
        });
    }

    @Override
    public boolean delete(String name) throws SecretStoreException {
        SecretNames.check(name);
        boolean[] had = new boolean[1];
        locked(true, values -> {
            had[0] = values.remove(name) != null;
            return values;
        });
        return had[0];
    }

    @Override
    public SortedSet<String> names() throws SecretStoreException {
        return new TreeSet<>(locked(false, values -> values).keySet());
    }

    @Override
    public String description() {
        return "an encrypted file at " + data;
    }

    private interface Change {
        TreeMap<String, String> apply(TreeMap<String, String> values);
    }

    private TreeMap<String, String> locked(boolean write, Change change) throws SecretStoreException {
        synchronized (IN_PROCESS) {
            try {
                createFolder();
                try (FileChannel channel = FileChannel.open(lock, OwnerOnly.options(), OwnerOnly.attributes())) {
                    channel.lock(); // released when the channel closes
                    TreeMap<String, String> values = change.apply(read());
                    if (write) {
                        writeValues(values);
                    }
                    return values;
                }
            } catch (IOException e) {
                throw new SecretStoreException("The secrets file " + data + " could not be "
                        + (write ? "written" : "read") + ": " + e.getMessage(), e);
            }
        }
    }

    private void createFolder() throws IOException {
        Path folder = data.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, OwnerOnly.folderAttributes());
        }
    }

    private TreeMap<String, String> read() throws IOException, SecretStoreException {
        byte[] sealed;
        try {
            sealed = Files.readAllBytes(data);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        }
        byte[] secretKey = existingKey().orElseThrow(() -> new SecretStoreException("The key file " + key
                + " is missing, so the secrets in " + data + " cannot be read. Restore it, or delete " + data
                + " to start again without those secrets."));
        if (sealed.length < MAGIC.length + NONCE_BYTES
                || !Arrays.equals(Arrays.copyOf(sealed, MAGIC.length), MAGIC)) {
            throw damaged(null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secretKey, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, MAGIC.length, NONCE_BYTES));
            cipher.updateAAD(MAGIC);
            int offset = MAGIC.length + NONCE_BYTES;
            byte[] plain = cipher.doFinal(sealed, offset, sealed.length - offset);
            return JSON.readValue(plain, JSON.getTypeFactory().constructMapType(TreeMap.class, String.class,
                    String.class));
        } catch (AEADBadTagException | JacksonException e) {
            throw damaged(e);
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("The secrets in " + data + " could not be decrypted: " + e.getMessage(), e);
        }
    }

    private SecretStoreException damaged(Exception cause) {
        return new SecretStoreException("The secrets file " + data + " is damaged or was changed by another program"
                + " (or " + key + " is not its key); it was left as it is. Restore it, or delete it and set the"
                + " secrets again.", cause);
    }

    private void writeValues(Map<String, String> values) throws IOException, SecretStoreException {
        byte[] secretKey = existingKey().orElse(null);
        if (secretKey == null) {
            if (Files.exists(data)) {
                read();
            }
            secretKey = newKey();
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(secretKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(MAGIC);
            byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(values));
            ByteBuffer file = ByteBuffer.allocate(MAGIC.length + NONCE_BYTES + sealed.length);
            file.put(MAGIC).put(nonce).put(sealed);
            AtomicFile.write(data, file.array());
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("The secrets could not be encrypted: " + e.getMessage(), e);
        }
    }

    private Optional<byte[]> existingKey() throws IOException, SecretStoreException {
        String text;
        try {
            text = Files.readString(key, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (bytes.length == KEY_BYTES) {
                return Optional.of(bytes);
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the message below, which says what to do.
        }
        throw new SecretStoreException("The key file " + key + " does not hold a key; it was left as it is."
                + " Restore it, or delete it and " + data + " to start again.");
    }

    private byte[] newKey() throws IOException {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        AtomicFile.write(key, (Base64.getEncoder().encodeToString(bytes) + "\n").getBytes(StandardCharsets.US_ASCII));
        return bytes;
    }

    /** Owner-only modes where the file system has POSIX permissions; Windows' profile folders are the user's. */
    private static final class OwnerOnly {

        private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

        static FileAttribute<?>[] attributes() {
            return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
        }

        static FileAttribute<?>[] folderAttributes() {
            return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0];
        }

        static Set<StandardOpenOption> options() {
            return Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
    }
}
