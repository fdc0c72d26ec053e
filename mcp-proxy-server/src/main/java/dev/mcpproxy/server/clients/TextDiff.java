package dev.mcpproxy.server.clients;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.List;

/** A unified diff of two texts, as {@code diff -u} shows one: java-diff-utils behind one method. */
final class TextDiff {

    private static final int CONTEXT_LINES = 3;

    private TextDiff() {
    }

    /**
     * @param name    the file's path, for the headers
     * @param existed false when there was no file: the old side is {@code /dev/null}
     * @return the diff, or "" when the texts are the same
     */
    static String unified(String name, boolean existed, String before, String after) {
        if (existed && before.equals(after)) {
            return "";
        }
        List<String> old = before.lines().toList();
        List<String> changed = after.lines().toList();
        Patch<String> patch = DiffUtils.diff(old, changed);
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(existed ? name : "/dev/null", name, old, patch,
                CONTEXT_LINES);
        return String.join("\n", lines) + "\n";
    }
}
