package dev.mcpproxy.desktop.instance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * How a second launch brings the running app's window to the front: it connects to the port in the lock record, on
 * loopback, and sends the record's token; the running app shows its window. Anything else is ignored.
 */
public final class FocusRequests implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");

    private final ServerSocket socket;

    private FocusRequests(ServerSocket socket) {
        this.socket = socket;
    }

    public static FocusRequests listen(String token, Runnable focus) throws IOException {
        ServerSocket socket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        FocusRequests requests = new FocusRequests(socket);
        Thread.ofPlatform().name("focus-requests").daemon().start(() -> requests.serve(token, focus));
        return requests;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Asks the app of this record to show its window; false when none answered. */
    public static boolean ask(LockRecord running) {
        if (running.focusPort() <= 0) {
            return false;
        }
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), running.focusPort())) {
            client.setSoTimeout(2_000);
            OutputStream out = client.getOutputStream();
            out.write((running.token() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return client.getInputStream().read() == 'y';
        } catch (IOException e) {
            return false;
        }
    }

    private void serve(String token, Runnable focus) {
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(2_000);
                String line = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                if (line != null && MessageDigest.isEqual(expected, line.getBytes(StandardCharsets.UTF_8))) {
                    focus.run();
                    client.getOutputStream().write('y');
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(Level.DEBUG, "A focus request failed: {0}", e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
