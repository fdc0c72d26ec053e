package dev.mcpproxy.core.router;

import tools.jackson.databind.JsonNode;

/**
 * One tool, prompt, resource or template as clients see it.
 *
 * @param server       the upstream that owns it
 * @param upstreamName its name (or URI) at the upstream
 * @param exposed      the entry as listed to clients: the upstream's, with the prefixed name
 */
public record CatalogEntry(String server, String upstreamName, JsonNode exposed) {
}
