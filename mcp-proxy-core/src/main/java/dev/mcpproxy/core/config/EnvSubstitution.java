package dev.mcpproxy.core.config;

import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ${env:NAME}} and {@code ${env:NAME:-fallback}} in any string value; {@code $${} is a literal {@code ${}. */
final class EnvSubstitution implements UnaryOperator<String> {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> environment;

    EnvSubstitution(Function<String, String> environment) {
        this.environment = environment;
    }

    /** @throws IllegalArgumentException naming the variable when it is unset and has no fallback */
    @Override
    public String apply(String text) {
        if (!text.contains("${")) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else {
                String value = environment.apply(m.group(1));
                if (value == null && m.group(2) == null) {
                    throw new IllegalArgumentException("uses ${env:" + m.group(1) + "}, but " + m.group(1)
                            + " is not set in the environment.");
                }
                replacement = value == null ? m.group(2) : value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
