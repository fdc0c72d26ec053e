package dev.mcpproxy.core.supervisor;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.process.CannotExecuteException;
import dev.mcpproxy.core.process.LogStream;
import dev.mcpproxy.core.upstream.Handshake;
import dev.mcpproxy.core.upstream.InboundHandler;
import dev.mcpproxy.core.upstream.LiveUpstream;
import dev.mcpproxy.core.upstream.UpstreamConnection;
import dev.mcpproxy.core.upstream.auth.NeedsSignInException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One start of a server, run on a virtual thread of its own: its pipe opened, the MCP handshake done, its lists
 * loaded (by the router, told that it is up), and then it is running. Whatever it throws, Errors included, fails the
 * start, so that no server stays starting because its start thread died. As long as the start lasts, what its
 * upstream sends on its own goes on to the router, and the loss of the upstream ends it.
 */
final class StartAttempt implements Runnable, InboundHandler {

    private final ServerSupervisor supervisor;
    private final int attempt;
    private final SupervisorContext context;

    StartAttempt(ServerSupervisor supervisor, int attempt, SupervisorContext context) {
        this.supervisor = supervisor;
        this.attempt = attempt;
        this.context = context;
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        ServerConfig config = supervisor.config();
        try {
            supervisor.logs().append(LogStream.PROXY, "Starting " + config.name() + "...");
            UpstreamConnection connection = new UpstreamConnection(config.name(),
                    context.transports().create(config, supervisor.logs()), supervisor.logs(), this, context.timer());
            if (!supervisor.connected(attempt, connection)) {
                return;
            }
            connection.open();
            LiveUpstream live = Handshake.perform(config, connection, context.version());
            if (!supervisor.initialized(attempt, live)) {
                return;
            }
            context.lifecycle().up(live);
            if (supervisor.running(attempt)) {
                logStarted(live, started);
            }
        } catch (NeedsSignInException e) {
            supervisor.needsSignIn(attempt, e);
        } catch (Throwable e) {
            supervisor.failed(attempt, failure(e), false, e instanceof CannotExecuteException);
        }
    }

    private void logStarted(LiveUpstream live, long startedNanos) {
        JsonNode info = live.initializeResult().path("serverInfo");
        supervisor.logs().append(LogStream.PROXY, "%s started in %d ms (%s %s, protocol %s)".formatted(live.name(),
                (System.nanoTime() - startedNanos) / 1_000_000, info.path("name").asString("?"),
                info.path("version").asString("?"), live.initializeResult().path("protocolVersion").asString("?")));
    }

    private static String failure(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException) {
            return "did not answer the MCP handshake in time (request_timeout)";
        }
        return cause instanceof Error ? "the proxy failed while starting it: " + cause
                : ServerSupervisor.describe(cause);
    }

    @Override
    public void onRequest(UpstreamConnection from, ObjectNode request) {
        context.inbound().onRequest(from, request);
    }

    @Override
    public void onNotification(UpstreamConnection from, ObjectNode notification) {
        context.inbound().onNotification(from, notification);
    }

    @Override
    public void onClosed(UpstreamConnection from, String reason) {
        context.inbound().onClosed(from, reason);
        supervisor.failed(attempt, reason, from.transport().endedCleanly(), false);
    }

    @Override
    public void onNeedsSignIn(UpstreamConnection from, NeedsSignInException e) {
        context.inbound().onClosed(from, e.getMessage());
        supervisor.needsSignIn(attempt, e);
    }
}
