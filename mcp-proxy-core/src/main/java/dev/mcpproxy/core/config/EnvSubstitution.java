package dev.mcpproxy.core.config;

import dev.mcpproxy.core.secrets.SecretNames;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${env:NAME}} and {@code ${env:NAME:-fallback}} in any string value; {@code $${} is a literal {@code ${}.
 * {@code ${secret:NAME}} is checked and kept as it is (and so is its escape, {@code $${secret:}): a secret is
 * looked up when its server starts, so that the config as loaded never holds its value.
 */
final class EnvSubstitution implements UnaryOperator<String> {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{secret:|\\$\\$\\{|\\$\\{secret:([^}]*)}"
            + "|\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

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
            if (m.group().equals("$${secret:")) {
                replacement = m.group();
            } else if (m.group().equals("$${")) {
                replacement = "${";
            } else if (m.group(1) != null) {
                if (!SecretNames.isValid(m.group(1))) {
                    throw new BadSecretReference("uses " + m.group() + ", but " + SecretNames.problem(m.group(1)));
                }
                replacement = m.group();
            } else {
                String value = environment.apply(m.group(2));
                if (value == null && m.group(3) == null) {
                    throw new IllegalArgumentException("uses ${env:" + m.group(2) + "}, but " + m.group(2)
                            + " is not set in the environment.");
                }
                replacement = value == null ? m.group(3) : value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A {@code ${secret:…}} whose name no secret can have. */
    static final class BadSecretReference extends IllegalArgumentException {

        BadSecretReference(String message) {
            super(message);
        }
    }
}
