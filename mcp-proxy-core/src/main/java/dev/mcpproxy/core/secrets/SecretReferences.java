package dev.mcpproxy.core.secrets;

import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ConfigProblem;
import dev.mcpproxy.core.config.OAuthConfig;
import dev.mcpproxy.core.config.ProfileConfig;
import dev.mcpproxy.core.config.ProxyConfig;
import dev.mcpproxy.core.config.ServerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the values of {@code ${secret:NAME}} into a server's env and headers values as it starts, and into its
 * {@code oauth.client_secret} as a sign-in starts. The config as loaded (the file, {@code /api/config}, events) keeps
 * the reference; only the copy handed to the transport, or to the sign-in, has the value. The tokens the proxy's own
 * endpoints require are read as a configuration is applied, as {@code ${env:…}} is: a token that cannot be read
 * refuses the configuration, since an endpoint must not run unguarded nor shut to everyone.
 */
public final class SecretReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{secret:|\\$\\{secret:(" + SecretNames.SYNTAX
            + ")}");

    private final SecretStore store;

    public SecretReferences(SecretStore store) {
        this.store = store;
    }

    /**
     * The config with every secret's value in place; the same config when it uses none, so that nothing opens the
     * store (nor D-Bus) for a config without secrets.
     *
     * @throws MissingSecretException naming the secret and the command that sets it
     */
    public ServerConfig resolve(ServerConfig config) {
        if (!uses(config.env()) && !uses(config.headers())) {
            return config;
        }
        return new ServerConfig(config.name(), config.transport(), config.command(), resolve(config.env(), "env"),
                config.cwd(), config.url(), resolve(config.headers(), "headers"), config.enabled(), config.restart(),
                config.tools(), config.prefix(), config.requestTimeout(), config.maxMessageBytes(), config.oauth());
    }

    /**
     * The sign-in settings with the client secret's value in place.
     *
     * @throws MissingSecretException naming the secret and the command that sets it
     */
    public OAuthConfig resolve(OAuthConfig oauth) {
        return new OAuthConfig(oauth.clientId(), oauth.clientSecret().map(secret -> resolve(secret,
                "oauth.client_secret")), oauth.scopes());
    }

    /**
     * The config with {@code auth_token} and each profile's {@code token} in place; the same config when none uses
     * a secret.
     *
     * @throws ConfigException naming each token whose secret is not set or could not be read
     */
    public ProxyConfig resolveTokens(ProxyConfig config) throws ConfigException {
        if (config.authToken().filter(SecretReferences::uses).isEmpty()
                && config.profiles().stream().noneMatch(p -> p.token().filter(SecretReferences::uses).isPresent())) {
            return config;
        }
        String file = config.source().map(Object::toString).orElse("");
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<String> authToken = resolveToken(config.authToken(), "auth_token", file, problems);
        List<ProfileConfig> profiles = new ArrayList<>();
        for (int i = 0; i < config.profiles().size(); i++) {
            ProfileConfig profile = config.profiles().get(i);
            profiles.add(new ProfileConfig(profile.name(), profile.servers(),
                    resolveToken(profile.token(), "profiles[" + i + "].token", file, problems)));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ProxyConfig(config.source(), config.host(), config.proxyPort(), config.apiPort(), authToken,
                config.healthCheck(), config.servers(), config.maxMessageBytes(), profiles);
    }

    private Optional<String> resolveToken(Optional<String> token, String field, String file,
                                          List<ConfigProblem> problems) {
        try {
            Optional<String> resolved = token.map(text -> resolve(text, field));
            if (resolved.isPresent() && resolved.get().isBlank()) {
                problems.add(new ConfigProblem(file, 0, 0, field, "is empty once its secrets are read.",
                        "Set the secret it names to a long random text."));
            }
            return resolved;
        } catch (MissingSecretException e) {
            problems.add(new ConfigProblem(file, 0, 0, field, e.problem(), ""));
            return token;
        }
    }

    private static boolean uses(String value) {
        return value.contains("${secret:");
    }

    private static boolean uses(Map<String, String> values) {
        return values.values().stream().anyMatch(SecretReferences::uses);
    }

    private Map<String, String> resolve(Map<String, String> values, String field) {
        Map<String, String> resolved = new LinkedHashMap<>();
        values.forEach((key, value) -> resolved.put(key, resolve(value, field + "." + key)));
        return resolved;
    }

    private String resolve(String text, String field) {
        if (!uses(text)) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) == null ? "${secret:" : value(m.group(1), field);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String value(String name, String field) {
        try {
            return store.get(name).orElseThrow(() -> new MissingSecretException(field, "uses ${secret:" + name
                    + "}, which is not set: mcp-proxy-server secret set " + name));
        } catch (SecretStoreException e) {
            throw new MissingSecretException(field, "uses ${secret:" + name + "}, which could not be read: "
                    + e.getMessage());
        }
    }

    /** A server cannot start because a secret it uses is not set, or the store could not be read. */
    public static final class MissingSecretException extends RuntimeException {

        private final String problem;

        MissingSecretException(String field, String problem) {
            super(field + " " + problem);
            this.problem = problem;
        }

        /** The message without the field it is about. */
        public String problem() {
            return problem;
        }
    }
}
