package dev.mcpproxy.core.config;

/**
 * One thing wrong in a configuration file, with where it is and what to do about it.
 *
 * @param file  the file, as the user named it
 * @param line  1-based; 0 when unknown
 * @param field the path of the field, such as {@code servers[1].transport}
 */
public record ConfigProblem(String file, int line, int column, String field, String message, String fix) {

    /** {@code demo.yaml:12:5: servers[1].transport: "stdoi" is not a transport. Use one of: ...} */
    public String render() {
        String where = line > 0 ? file + ":" + line + ":" + column : file;
        String what = field.isEmpty() ? message : field + ": " + message;
        return where + ": " + what + (fix.isEmpty() ? "" : " " + fix);
    }
}
