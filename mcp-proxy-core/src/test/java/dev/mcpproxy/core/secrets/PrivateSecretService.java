package dev.mcpproxy.core.secrets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Secret Service for a test: a session bus of its own ({@code dbus-daemon --session}) and GNOME Keyring's
 * secrets component on it, its login keyring unlocked with a password fed on stdin, in a home folder of its own.
 */
public final class PrivateSecretService implements AutoCloseable {

    private final Process bus;
    private final Process keyring;
    private final String address;

    private PrivateSecretService(Process bus, Process keyring, String address) {
        this.bus = bus;
        this.keyring = keyring;
        this.address = address;
    }

    public static PrivateSecretService start(Path folder) throws IOException, InterruptedException {
        Path home = Files.createDirectories(folder.resolve("home"));
        Path runtime = Files.createDirectories(folder.resolve("run"));
        Process bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (address == null || address.isBlank()) {
            bus.destroyForcibly();
            throw new IOException("dbus-daemon printed no address");
        }
        ProcessBuilder daemon = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock",
                "--components=secrets").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        daemon.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
        daemon.environment().put("HOME", home.toString());
        daemon.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        daemon.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        Process keyring = daemon.start();
        keyring.getOutputStream().write("test-password".getBytes(StandardCharsets.UTF_8));
        keyring.getOutputStream().close();
        PrivateSecretService service = new PrivateSecretService(bus, keyring, address);
        service.awaitSecretsName();
        return service;
    }

    /** Waits until org.freedesktop.secrets is owned on the bus, the daemon's sign that it serves. */
    private void awaitSecretsName() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Process query = new ProcessBuilder(List.of("dbus-send", "--bus=" + address, "--print-reply",
                    "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets")).redirectErrorStream(true).start();
            String reply = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            query.waitFor();
            if (reply.contains("boolean true")) {
                return;
            }
            if (!keyring.isAlive()) {
                throw new IOException("gnome-keyring-daemon exited with " + keyring.exitValue());
            }
            Thread.sleep(100);
        }
        throw new IOException("gnome-keyring-daemon did not take org.freedesktop.secrets within 20 s");
    }

    public String address() {
        return address;
    }

    @Override
    public void close() {
        keyring.destroy();
        bus.destroy();
    }
}
