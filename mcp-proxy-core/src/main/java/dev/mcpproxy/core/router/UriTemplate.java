package dev.mcpproxy.core.router;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough of RFC 6570 to tell whether a URI could come from a resource template. */
final class UriTemplate {

    private static final Pattern EXPRESSION = Pattern.compile("\\{([+#./;?&]?)[^}]*}");

    private final Pattern pattern;

    UriTemplate(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = EXPRESSION.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(switch (m.group(1)) {
                case "+", "#" -> ".*";
                case "?", "&" -> "(?:[?&].*)?";
                default -> "[^/?#]*";
            });
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        pattern = Pattern.compile(regex.toString());
    }

    boolean matches(String uri) {
        return pattern.matcher(uri).matches();
    }
}
