package dev.mcpproxy.core.router;

import java.util.Optional;

/** The four lists a server offers, with the method that fetches each and the capability that announces it. */
public enum ListKind {
    TOOLS("tools/list", "tools", "tools", "notifications/tools/list_changed"),
    PROMPTS("prompts/list", "prompts", "prompts", "notifications/prompts/list_changed"),
    RESOURCES("resources/list", "resources", "resources", "notifications/resources/list_changed"),
    RESOURCE_TEMPLATES("resources/templates/list", "resourceTemplates", "resources",
            "notifications/resources/list_changed");

    public final String method;
    public final String field;
    public final String capability;
    public final String changedNotification;

    ListKind(String method, String field, String capability, String changedNotification) {
        this.method = method;
        this.field = field;
        this.capability = capability;
        this.changedNotification = changedNotification;
    }

    public static Optional<ListKind> byMethod(String method) {
        for (ListKind kind : values()) {
            if (kind.method.equals(method)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
