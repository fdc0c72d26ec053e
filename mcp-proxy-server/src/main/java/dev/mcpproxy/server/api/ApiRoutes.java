package dev.mcpproxy.server.api;

import java.util.List;

/** The management port's routes as {@code METHOD path}, in the order they are matched. */
final class ApiRoutes {

    /** What {@code /api/openapi.json} must describe, no more and no less; the handler checks it serves these. */
    static final List<String> ALL = List.of(
            "GET /health",
            "GET /api/servers", "POST /api/servers",
            "GET /api/servers/{name}", "DELETE /api/servers/{name}",
            "POST /api/servers/{name}/start", "POST /api/servers/{name}/stop", "POST /api/servers/{name}/restart",
            "POST /api/servers/{name}/call", "POST /api/servers/{name}/sign-in", "GET /oauth/callback",
            "GET /api/logs/{server}",
            "GET /api/config", "PUT /api/config", "POST /api/config/validate",
            "POST /api/import", "GET /api/examples",
            "GET /api/calls", "GET /api/calls/{id}",
            "GET /api/context-cost",
            "GET /api/profiles",
            "GET /api/clients", "POST /api/clients/{id}/connect", "POST /api/clients/{id}/undo",
            "GET /api/secrets", "PUT /api/secrets/{name}", "DELETE /api/secrets/{name}",
            "GET /api/openapi.json",
            "GET /metrics",
            "GET /api/events",
            "GET /ws");

    private ApiRoutes() {
    }
}
