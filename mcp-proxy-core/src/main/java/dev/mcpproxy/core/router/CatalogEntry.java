package dev.mcpproxy.core.router;

/**
 * One tool, prompt, resource or template as clients see it.
 *
 * @param server       the upstream that owns it
 * @param upstreamName its name (or URI) at the upstream
 * @param key          what clients find it by: the prefixed name of a tool or prompt, the URI of the others
 * @param json         the entry as listed to clients, as JSON text: the upstream's, with the prefixed name
 * @param listed       false when the server's tool filter keeps it from clients
 */
public record CatalogEntry(String server, String upstreamName, String key, String json, boolean listed) {
}
