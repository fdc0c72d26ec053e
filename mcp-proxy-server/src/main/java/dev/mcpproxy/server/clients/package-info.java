/**
 * "Connect a client": the AI clients whose configuration files this proxy can write itself into (Claude Desktop,
 * Cursor, VS Code) and a generic one, the exact entry each needs, and the edit of a client's file with a backup to
 * undo to.
 */
package dev.mcpproxy.server.clients;
