package dev.mcpproxy.core.secrets;

import java.util.regex.Pattern;

/**
 * What a secret may be called: letters, digits and {@code _ - . /}, in parts between single slashes none of which is
 * {@code .} or {@code ..}, so that a name reads the same in a URL path, a keyring's account field and
 * {@code ${secret:NAME}}; OAuth's names look like {@code oauth/<server>/tokens}.
 */
public final class SecretNames {

    /** Longer names are refused: a name is typed by a person or made from a server's name, never this long. */
    public static final int MAX_LENGTH = 200;

    /** The characters a name has; {@link #isValid} also checks its parts. */
    public static final String SYNTAX = "[A-Za-z0-9_./-]+";

    private static final Pattern VALID = Pattern.compile(
            "(?!(?:.*/)?\\.\\.?(?:/|$))[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*");

    /** The largest value accepted, in characters: a token or a key, never a file. */
    public static final int MAX_VALUE_LENGTH = 64 * 1024;

    private SecretNames() {
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
    }

    /** @throws SecretStoreException saying what a name may hold, when {@code name} is not one */
    static void check(String name) throws SecretStoreException {
        if (!isValid(name)) {
            throw new SecretStoreException(problem(name));
        }
    }

    /** Why {@code name} is not a secret's name, in words for a user. */
    public static String problem(String name) {
        return "\"" + (name == null ? "" : name.length() > 40 ? name.substring(0, 40) + "…" : name)
                + "\" is not a secret's name: use letters, digits and _ - . / (at most " + MAX_LENGTH
                + " characters).";
    }

    static void checkValue(String value) throws SecretStoreException {
        if (value == null || value.isEmpty()) {
            throw new SecretStoreException("A secret's value may not be empty.");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new SecretStoreException("A secret's value may be at most " + MAX_VALUE_LENGTH + " characters.");
        }
    }
}
