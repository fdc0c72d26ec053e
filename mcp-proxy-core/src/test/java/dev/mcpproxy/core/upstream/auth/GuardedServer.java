package dev.mcpproxy.core.upstream.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * testing/node/oauth-guarded-server.mjs as a child process: npm's oidc-provider guarding the TypeScript SDK's MCP
 * server, on two loopback ports. Its output lines are kept, so a test can see which grants the server made.
 */
public final class GuardedServer implements AutoCloseable {

    public final int authorizationPort;
    public final int mcpPort;
    final List<String> output = new CopyOnWriteArrayList<>();
    private final Process process;

    public GuardedServer(int accessTokenSeconds) throws IOException, InterruptedException {
        Path node = Path.of(System.getProperty("mcp.proxy.node.modules", "../testing/node/node_modules"))
                .toAbsolutePath().normalize().getParent();
        if (!Files.isDirectory(node.resolve("node_modules/oidc-provider"))) {
            throw new IllegalStateException("oidc-provider missing in " + node + "; run `npm ci` in testing/node");
        }
        authorizationPort = freePort();
        mcpPort = freePort();
        process = new ProcessBuilder("node", "oauth-guarded-server.mjs", Integer.toString(authorizationPort),
                Integer.toString(mcpPort), Integer.toString(accessTokenSeconds))
                .directory(node.toFile()).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    if (line.equals("ready")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                output.add("output lost: " + e);
            }
        });
        if (!ready.await(60, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("oauth-guarded-server.mjs did not start:\n" + String.join("\n", output));
        }
    }

    public URI mcp() {
        return URI.create("http://127.0.0.1:" + mcpPort + "/mcp");
    }

    URI issuer() {
        return URI.create("http://127.0.0.1:" + authorizationPort);
    }

    /** Every access and refresh token the authorization server issued so far. */
    public List<String> issuedTokens() {
        return output.stream().filter(line -> line.startsWith("issued ")).map(line -> line.substring(7)).toList();
    }

    public long grants(String type) {
        return output.stream().filter(line -> line.equals("grant " + type)).count();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
