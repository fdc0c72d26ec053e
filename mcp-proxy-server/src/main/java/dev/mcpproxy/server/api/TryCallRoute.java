package dev.mcpproxy.server.api;

import dev.mcpproxy.core.ProxyRuntime;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.json.MessageScanner;
import dev.mcpproxy.core.json.RawMessage;
import dev.mcpproxy.core.process.LargeMessageBudget;
import dev.mcpproxy.core.router.CatalogEntry;
import dev.mcpproxy.core.router.DownstreamSession;
import dev.mcpproxy.core.router.ListKind;
import dev.mcpproxy.core.router.ReplySink;
import dev.mcpproxy.core.router.ServerEndpoint;
import dev.mcpproxy.core.router.SessionHub;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.rpc.ProtocolVersions;
import dev.mcpproxy.core.supervisor.ServerStatus;
import dev.mcpproxy.core.supervisor.ServerSupervisor;
import dev.mcpproxy.server.api.ApiExchange.ApiError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/servers/{name}/call}: a tool call, prompt or resource read the UI tries out. It goes to the server
 * the way a client's request does, through a session of the server's own endpoint (so by the upstream's own names)
 * whose client is {@value #CLIENT}: it is timed out by the server's request_timeout, counted in the metrics and kept
 * in the call log like any other call. The answer is the upstream's {@code result} or {@code error}, cut out of its
 * bytes, not parsed.
 */
final class TryCallRoute {

    /** The client name the UI's calls show in the call log and the metrics. */
    static final String CLIENT = "mcp-proxy-ui";
    private static final Set<String> FIELDS = Set.of("method", "params");

    /**
     * A method the UI may try: the field of its params that names what it is about, and the list that must hold it
     * (none for a resource, which may come of a template).
     */
    private record Method(String field, String what, ListKind list) {
    }

    private static final Map<String, Method> METHODS = Map.of(
            "tools/call", new Method("name", "tool", ListKind.TOOLS),
            "prompts/get", new Method("name", "prompt", ListKind.PROMPTS),
            "resources/read", new Method("uri", "resource", null));
    private static final List<String> METHOD_NAMES = List.of("tools/call", "prompts/get", "resources/read");
    /** The names a refusal of an unknown tool or prompt lists, of a server that may have thousands. */
    private static final int NAMES_SHOWN = 20;
    /**
     * How long past the server's request_timeout the route waits: the proxy's own deadline answers a call first, so
     * this only keeps a request from waiting forever for an answer lost to a fault.
     */
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** Smaller answers cost too little to count against the heap's budget for large messages. */
    private static final int LARGE = 256 * 1024;
    /** What handling an answer costs at its peak, in answers: a result is copied once; an error is parsed. */
    private static final int RESULT_COST = 1;
    private static final int ERROR_COST = 5;
    private static final byte[] RESULT_START = "{\"result\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESULT_END = {'}'};
    private static final byte[] NOTHING = {};

    private final ProxyRuntime runtime;
    private final ServerRoutes servers;

    /** @param servers finds the server the route names */
    TryCallRoute(ProxyRuntime runtime, ServerRoutes servers) {
        this.runtime = runtime;
        this.servers = servers;
    }

    void call(ApiExchange exchange) throws ApiError {
        ServerSupervisor supervisor = servers.supervisor(exchange.path("name"));
        ObjectNode body = exchange.jsonObject(FIELDS);
        String method = ApiExchange.text(body, "method", true);
        Method kind = METHODS.get(method);
        if (kind == null) {
            throw new ApiError(400, "method must be one of " + String.join(", ", METHOD_NAMES) + ", not \""
                    + method + "\"");
        }
        JsonNode params = body.get("params");
        if (params == null || params.isNull()) {
            throw new ApiError(400, "Missing field \"params\": the " + method + " request's params, a JSON object");
        }
        if (!(params instanceof ObjectNode paramsObject)) {
            throw new ApiError(400, "Field \"params\" must be a JSON object");
        }
        String subject = subject(kind, paramsObject);
        ServerStatus status = supervisor.status();
        if (!ServerRoutes.up(status)) {
            throw new ApiError(409, supervisor.name() + " is " + status.state().wireName() + ", not running"
                    + status.lastError().map(e -> " (" + e + ")").orElse("") + "; start it first");
        }
        mustBeListed(supervisor.name(), kind, subject);
        ServerEndpoint endpoint = runtime.serverEndpoint(supervisor.name())
                .orElseThrow(() -> new ApiError(404, "No server named " + supervisor.name()));
        List<byte[]> answer = send(endpoint, method, paramsObject, supervisor.config().requestTimeout());
        respond(exchange, answer);
    }

    /** What the params name, checked: the tool or prompt name, the resource URI. */
    private static String subject(Method method, ObjectNode params) throws ApiError {
        JsonNode value = params.get(method.field());
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new ApiError(400, "params." + method.field() + " must be the " + method.what() + "'s "
                    + method.field() + ", a string");
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isObject()) {
            throw new ApiError(400, "params.arguments must be a JSON object of the arguments by name");
        }
        return value.asString();
    }

    /**
     * A tool or prompt the server does not list is refused here; one its tool filter hides goes, as the server's own
     * endpoint offers it too.
     */
    private void mustBeListed(String server, Method method, String name) throws ApiError {
        if (method.list() == null) {
            return;
        }
        List<String> listed = runtime.aggregate().catalog().serverList(server, method.list()).items().stream()
                .map(CatalogEntry::upstreamName).toList();
        if (!listed.contains(name)) {
            String named = listed.isEmpty() ? "none" : String.join(", ", listed.subList(0, Math.min(listed.size(),
                    NAMES_SHOWN))) + (listed.size() > NAMES_SHOWN ? " and " + (listed.size() - NAMES_SHOWN) + " more"
                    : "");
            throw new ApiError(404, server + " has no " + method.what() + " named \"" + name + "\"; its "
                    + method.what() + "s: " + named);
        }
    }

    /** Opens a session of the server's endpoint as {@value #CLIENT}, makes the request on it, and ends it. */
    private List<byte[]> send(ServerEndpoint endpoint, String method, ObjectNode params, Duration timeout)
            throws ApiError {
        SessionHub hub = runtime.hub();
        DownstreamSession session = hub.open(endpoint);
        try {
            ObjectNode hello = Json.object().put("protocolVersion", ProtocolVersions.LATEST);
            hello.putObject("capabilities");
            hello.putObject("clientInfo").put("name", CLIENT).put("version", "1");
            endpoint.handle(session, JsonRpc.request(Json.number(0), "initialize", hello), null, new Answer());
            Answer answer = new Answer();
            endpoint.handle(session, JsonRpc.request(Json.number(1), method, params), null, answer);
            return answer.bytes.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiError(504, endpoint.serverScope().orElse("the server") + " gave no answer, nor did the"
                    + " proxy's request_timeout end the call");
        } catch (ExecutionException | CancellationException e) {
            throw new ApiError(502, "The call was cancelled before " + endpoint.serverScope().orElse("the server")
                    + " answered");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "The sidecar is stopping");
        } finally {
            hub.close(session);
        }
    }

    /**
     * 200 with the result, or with a JSON-RPC error the call ended in; 504 when that error is the proxy's
     * request_timeout. A large answer's copy takes its room from the large-message budget first.
     */
    private static void respond(ApiExchange exchange, List<byte[]> answer) throws ApiError {
        MessageScanner seen = new MessageScanner();
        long length = 0;
        for (byte[] piece : answer) {
            seen.feed(piece, 0, piece.length);
            length += piece.length;
        }
        long cost = length < LARGE ? 0 : (seen.isError() ? ERROR_COST : RESULT_COST) * length;
        LargeMessageBudget budget = LargeMessageBudget.SHARED;
        if (!budget.reserve(cost)) {
            throw new ApiError(503, String.format(Locale.ROOT, "The answer (%.1f MB) does not fit beside the other"
                    + " large messages the proxy holds now; try again, or give the sidecar more heap (-Xmx)",
                    length / 1e6));
        }
        try {
            RawMessage raw = new RawMessage(answer, seen);
            if (seen.isError()) {
                JsonNode error = Json.parse(concat(NOTHING, raw.member("error").orElseThrow(), NOTHING));
                int status = error.path("code").asInt() == JsonRpc.REQUEST_TIMEOUT ? 504 : 200;
                exchange.json(status, Json.object().set("error", error));
            } else {
                List<byte[]> result = raw.member("result").orElseThrow(() -> new ApiError(502,
                        "The server's answer has neither a result nor an error"));
                exchange.jsonBytes(200, concat(RESULT_START, result, RESULT_END));
            }
        } catch (Json.MalformedJsonException e) {
            throw new ApiError(502, "The server's answer is not JSON: " + e.getMessage());
        } finally {
            budget.release(cost);
        }
    }

    /** The pieces in one array of their size, between {@code before} and {@code after}. */
    private static byte[] concat(byte[] before, List<byte[]> pieces, byte[] after) {
        long length = before.length + after.length;
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        byte[] out = new byte[Math.toIntExact(length)];
        System.arraycopy(before, 0, out, 0, before.length);
        int at = before.length;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, out, at, piece.length);
            at += piece.length;
        }
        System.arraycopy(after, 0, out, at, after.length);
        return out;
    }

    /** Where the answer goes: as its bytes, however it came. Nothing is carried before it (the UI has no stream). */
    private static final class Answer implements ReplySink {

        final CompletableFuture<List<byte[]>> bytes = new CompletableFuture<>();

        @Override
        public boolean interim(JsonNode message) {
            return false;
        }

        @Override
        public void reply(JsonNode response) {
            bytes.complete(List.of(Json.writeBytes(response)));
        }

        @Override
        public void reply(List<byte[]> response) {
            bytes.complete(response);
        }

        @Override
        public void abandon() {
            bytes.cancel(false);
        }
    }
}
