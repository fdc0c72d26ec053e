package dev.mcpproxy.server.http1;

/** Reads an upgraded connection's bytes (a WebSocket's frames) on the selector thread. */
interface RawInput {

    /** Takes what it can of bytes[0, length): returns how many it used; the rest comes again with more. */
    int feed(byte[] bytes, int length);
}
