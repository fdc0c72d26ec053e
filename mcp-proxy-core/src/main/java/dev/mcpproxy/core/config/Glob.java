package dev.mcpproxy.core.config;

/**
 * The globs of a tool filter and a profile's server names: {@code *} for any characters (none included), {@code ?}
 * for one character, every other character itself, case included.
 *
 * <p>Written here rather than taken from {@code FileSystem.getPathMatcher("glob:")}, which this replaced: that one
 * matches paths, so a name had to become a {@code Path} first, which fails for a character the file system refuses
 * (NUL anywhere, {@code :} on Windows) in a tool name an upstream chose, and on Windows ignores case; its glob has
 * brackets and braces besides, so a filter such as {@code get[} failed at every check instead of meaning itself.
 * This needs no compiling: the classic two-pointer match, which on a mismatch goes back only to the last
 * {@code *} (any earlier one can take no more than it would), is at most glob × name steps, and allocates nothing.
 * Its cases are Apache Commons IO's {@code FilenameUtils.wildcardMatch} tests.
 */
public final class Glob {

    private Glob() {
    }

    public static boolean matches(String glob, String name) {
        int g = 0;
        int n = 0;
        int lastStar = -1;
        int nameAtLastStar = 0;
        while (n < name.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                lastStar = g++;
                nameAtLastStar = n;
            } else if (g < glob.length() && glob.charAt(g) == '?') {
                g++;
                n = nextCharacter(name, n);
            } else if (g < glob.length() && glob.charAt(g) == name.charAt(n)) {
                g++;
                n++;
            } else if (lastStar >= 0) {
                g = lastStar + 1;
                nameAtLastStar = nextCharacter(name, nameAtLastStar);
                n = nameAtLastStar;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /** The index after the character at {@code i}: a surrogate pair is one character, as a person counts. */
    private static int nextCharacter(String name, int i) {
        return i + Character.charCount(name.codePointAt(i));
    }
}
