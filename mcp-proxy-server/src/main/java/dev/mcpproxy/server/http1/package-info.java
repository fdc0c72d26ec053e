/**
 * The project's own HTTP/1.1 server, which serves both ports: a selector thread per port reads, parses and checks
 * every request, handlers answer from whichever thread has the answer, and upgraded connections speak WebSocket.
 *
 * <h2>Why not Netty</h2>
 * A proxy's HTTP front is most of what it costs per call. A forwarder on Netty 4.2.20's HTTP codec (one NIO event
 * loop, {@code HttpServerCodec} + {@code HttpObjectAggregator}, the same JSON work) was measured against the bare
 * forwarder floor ({@code bench/floor}), with the launcher's JVM flags, wrk, and 5 interleaved rounds of fresh
 * processes. Netty took 1.58&times; the floor's CPU per call sequentially (100 against 64 &micro;s) and 1.83&times;
 * with 8 connections (38 against 21 &micro;s), reached 0.70&times; its calls per second with 8 connections, took
 * 2.0&times; its time from spawn to first answer (377 against 186 ms; 186 against 93 ms with an AOT cache), and
 * 10.6 MB more RSS. This package does only what MCP's transports and the management API need, at a cost per call
 * close to the floor's (docs/benchmarks.md).
 *
 * <h2>What it holds itself to</h2>
 * Netty's standard of hostile input: the cases of Netty's request decoder, invalid-message and WebSocket 08 frame
 * decoder tests that apply run against it ({@code NettyPortedRequestDecoderTest}, {@code
 * NettyPortedWebSocketFrameTest}), each failing when the check it covers is removed. Strict HTTP/1.1 (RFC 9112):
 * CRLF only, only SP and HTAB trimmed, no control characters in targets or values, one path decoding and no user
 * information in hosts ({@link dev.mcpproxy.server.http1.RequestTarget}, {@link dev.mcpproxy.server.http1.Authority}),
 * chunked bodies with bounded extensions and trailers. And a request costs nothing before its head has passed the
 * handler's checks ({@link dev.mcpproxy.server.http1.Http1Server.Handler#admit}); then memory follows the bytes
 * received, within a limit per request and one budget per port; a connection that sends no head is closed within
 * seconds, and a new connection is served even when one client holds every slot.
 */
package dev.mcpproxy.server.http1;
