package dev.mcpproxy.desktop.backend;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The two ports the sidecar listens on: the configured ones when both are free, else a free pair (proxy port N, api
 * port N + 1) that the system picks, so that a busy port never keeps the app from starting.
 */
public final class FreePorts {

    private static final int ATTEMPTS = 50;

    private FreePorts() {
    }

    public record Ports(int port, int apiPort) {
    }

    public static Ports choose(int preferredPort, int preferredApiPort) throws IOException {
        if (preferredPort > 0 && preferredApiPort > 0 && free(preferredPort) && free(preferredApiPort)) {
            return new Ports(preferredPort, preferredApiPort);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            if (port < 65535 && free(port + 1)) {
                return new Ports(port, port + 1);
            }
        }
        throw new IOException("No two free neighbouring ports on 127.0.0.1 after " + ATTEMPTS + " tries");
    }

    /** Whether a port can be bound on loopback now, as the sidecar will bind it. */
    public static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
