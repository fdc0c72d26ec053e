package dev.mcpproxy.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void theTargetHoldsTheNewBytesAndTheUserAloneMayReadThem() throws Exception {
        Path target = dir.resolve("secrets.enc");
        Files.writeString(target, "old and longer than the new");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));

        AtomicFile.write(target, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void thePermissionsGivenAreTheNewFiles() throws Exception {
        Path target = dir.resolve("claude_desktop_config.json");
        Files.writeString(target, "{}");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));

        AtomicFile.write(target, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), AtomicFile.permissions(target));

        assertThat(target).hasContent("{\"a\":1}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw----");
    }

    @Test
    void aFailureBeforeTheRenameLeavesTheOldFileAndNoTemporaryOne() throws Exception {
        Path target = dir.resolve("proxy.yaml");
        Files.writeString(target, "servers: []\n");

        assertThatThrownBy(() -> AtomicFile.write(target, "broken".getBytes(StandardCharsets.UTF_8), Optional.empty(),
                () -> {
                    assertThat(dir).isDirectoryContaining("glob:**/.proxy.yaml.*.tmp");
                    throw new IOException("backup failed");
                })).hasMessage("backup failed");

        assertThat(target).hasContent("servers: []\n");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aMissingFolderIsAnErrorAndCreatesNothing() {
        Path target = dir.resolve("absent").resolve("file");
        assertThatThrownBy(() -> AtomicFile.write(target, new byte[1])).isInstanceOf(NoSuchFileException.class);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aRelativeTargetIsWrittenInTheWorkingFolder() throws Exception {
        Path target = Path.of("target", "atomic-file-test-" + ProcessHandle.current().pid());
        try {
            AtomicFile.write(target, "here".getBytes(StandardCharsets.UTF_8));
            assertThat(target).hasContent("here");
        } finally {
            Files.deleteIfExists(target);
        }
    }
}
