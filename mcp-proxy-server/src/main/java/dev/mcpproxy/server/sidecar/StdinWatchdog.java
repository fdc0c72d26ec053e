package dev.mcpproxy.server.sidecar;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code --exit-on-stdin-eof}: the desktop app holds the write end of our stdin. When it dies, however it
 * dies, the pipe closes and we exit, so the sidecar never outlives its app.
 */
final class StdinWatchdog {

    private StdinWatchdog() {
    }

    static void start() {
        Thread.ofPlatform().name("stdin-watchdog").daemon().start(() -> {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // Input is ignored; only its end matters.
                }
            } catch (IOException e) {
                // A broken pipe means the same as end of input.
            }
            System.exit(0);
        });
    }
}
