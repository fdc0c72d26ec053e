package dev.mcpproxy.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Finding a server's program and escaping a batch file's arguments on Windows, checked on every platform: the
 * search against a set of files, the escaping against {@link CmdModel} with the cases of Rust's std
 * (tests/ui/std/windows-bat-args.rs) and of Node's cross-spawn (test/index.test.js), and random arguments.
 */
class WindowsCommandTest {

    private static final String NODE = "C:\\Program Files\\nodejs";
    private static final String CMD = "C:\\Windows\\System32\\cmd.exe";
    private static final String SCRIPT = "C:\\tools\\args.cmd";

    /** Files as Windows finds them: names compared without case, {@code /} and {@code \\} alike, {@code .\\} none. */
    private static WindowsCommand.Search search(String path, String... files) {
        Set<String> names = Set.of(files).stream().map(WindowsCommandTest::normalized).collect(Collectors.toSet());
        return new WindowsCommand.Search(path, ".COM;.EXE;.BAT;.CMD", CMD, "C:\\work",
                file -> names.contains(normalized(file)));
    }

    private static String normalized(String file) {
        return file.replace('/', '\\').replace("\\.\\", "\\").toLowerCase(Locale.ROOT);
    }

    private static List<String> argv(WindowsCommand.Search search, String... command) throws CannotExecuteException {
        return WindowsCommand.argv("everything", List.of(command), search).orElseThrow();
    }

    @Test
    void npxRunsTheCmdBesideItThroughCmdExeNotTheShellScriptOfTheSameName() throws Exception {
        WindowsCommand.Search search = search("C:\\Windows\\System32;" + NODE, NODE + "\\npx", NODE + "\\npx.cmd",
                NODE + "\\node.exe");
        assertThat(argv(search, "npx", "-y", "@modelcontextprotocol/server-everything")).containsExactly(CMD,
                "/e:ON", "/v:OFF", "/d", "/s", "/c",
                "\"\"" + NODE + "\\npx.CMD\" -y @modelcontextprotocol/server-everything\"");
    }

    @Test
    void anExeRunsDirectlyWithItsArgumentsAsTheyAre() throws Exception {
        WindowsCommand.Search search = search(NODE, NODE + "\\node.exe");
        assertThat(argv(search, "node", "a b", "\"&calc")).containsExactly(NODE + "\\node.EXE", "a b", "\"&calc");
    }

    @Test
    void theFirstFolderOfPathWinsAndWithinOneFolderTheOrderOfPathext() throws Exception {
        WindowsCommand.Search search = search("C:\\a;C:\\b", "C:\\a\\tool.cmd", "C:\\a\\tool.exe", "C:\\b\\tool.com");
        assertThat(WindowsCommand.find("tool", search)).contains("C:\\a\\tool.EXE");
        assertThat(WindowsCommand.find("tool", search("C:\\b;C:\\a", "C:\\a\\tool.exe", "C:\\b\\tool.com")))
                .contains("C:\\b\\tool.COM");
    }

    @Test
    void quotedAndEmptyPathEntriesAndTrailingBackslashesAreTaken() {
        WindowsCommand.Search search = search(";\"C:\\Program Files\\x\\\";;C:\\y", "C:\\Program Files\\x\\uv.exe",
                "C:\\y\\uvx.exe");
        assertThat(WindowsCommand.find("uv", search)).contains("C:\\Program Files\\x\\uv.EXE");
        assertThat(WindowsCommand.find("uvx", search)).contains("C:\\y\\uvx.EXE");
    }

    @Test
    void aNameWithAnExtensionIsTakenAsItIsFirst() {
        WindowsCommand.Search search = search("C:\\y", "C:\\y\\serve.bat", "C:\\y\\serve.bat.exe");
        assertThat(WindowsCommand.find("serve.bat", search)).contains("C:\\y\\serve.bat");
    }

    @Test
    void aPathIsTakenFromTheWorkingDirectoryOrAsItIsNeverFromPath() {
        WindowsCommand.Search search = search("C:\\y", "C:\\work\\bin\\run.bat", "C:\\tools\\run.cmd",
                "C:\\y\\bin\\run.bat", "C:\\y\\run.bat");
        assertThat(WindowsCommand.find("run", search)).contains("C:\\y\\run.BAT");
        assertThat(WindowsCommand.find(".\\bin\\run", search)).contains("C:\\work\\.\\bin\\run.BAT");
        assertThat(WindowsCommand.find("bin/run", search)).contains("C:\\work\\bin/run.BAT");
        assertThat(WindowsCommand.find("C:\\tools\\run", search)).contains("C:\\tools\\run.CMD");
        assertThat(WindowsCommand.find("C:/tools/run.cmd", search)).contains("C:/tools/run.cmd");
    }

    @Test
    void aProgramFoundNowhereIsEmpty() throws Exception {
        assertThat(WindowsCommand.argv("x", List.of("npx"), search("C:\\y", "C:\\y\\npx"))).isEmpty();
        assertThat(WindowsCommand.argv("x", List.of(), search("C:\\y"))).isEmpty();
    }

    @Test
    void theSearchTakesTheChildsVariablesAndWindowsDefaults() {
        WindowsCommand.Search given = WindowsCommand.Search.of(Map.of("PATH", "C:\\p", "PATHEXT", ".EXE",
                "ComSpec", "D:\\cmd.exe"), "C:\\work", file -> false);
        assertThat(given).extracting("path", "pathext", "comspec").containsExactly("C:\\p", ".EXE", "D:\\cmd.exe");
        WindowsCommand.Search defaults = WindowsCommand.Search.of(Map.of("SystemRoot", "E:\\Win"), "C:\\work",
                file -> false);
        assertThat(defaults).extracting("path", "pathext", "comspec")
                .containsExactly("", ".COM;.EXE;.BAT;.CMD", "E:\\Win\\System32\\cmd.exe");
    }

    @Test
    void plainArgumentsStayBareAndTheRestAreQuotedWithQuotesDoubledAndPercentsGuarded() throws Exception {
        assertThat(line("a", "b")).isEqualTo("\"\"" + SCRIPT + "\" a b\"");
        assertThat(line("-y", "@scope/pkg@1.2.3", "C:\\dir\\", "")).isEqualTo("\"\"" + SCRIPT
                + "\" -y @scope/pkg@1.2.3 \"C:\\dir\\\\\" \"\"\"");
        assertThat(line("c is for cat", "key=\"v\"")).isEqualTo("\"\"" + SCRIPT + "\" \"c is for cat\" "
                + "\"key=\"\"v\"\"\"\"");
        assertThat(line("%PATH%")).isEqualTo("\"\"" + SCRIPT + "\" \"%%cd:~,%PATH%%cd:~,%\"\"");
        assertThat(line("a\\\"b")).isEqualTo("\"\"" + SCRIPT + "\" \"a\\\\\"\"b\"\"");
    }

    private static String line(String... args) throws CannotExecuteException {
        return WindowsCommand.batchCommandLine("everything", SCRIPT, List.of(args));
    }

    /** Rust's std's cases: each argument reaches the program the batch file starts as it was given. */
    @Test
    void rustsCasesReachTheProgramUnchangedAndRunNothing() throws Exception {
        List<List<String>> cases = List.of(List.of("a", "b"), List.of("c is for cat", "d is for dog"),
                List.of("\"", " \""), List.of("\\", "\\"), List.of(">file.txt"), List.of("whoami.exe"),
                List.of("&a.exe"), List.of("&echo hello "), List.of("&echo hello", "&whoami", ">file.txt"),
                List.of("!TMP!"), List.of("key=value"), List.of("\"key=value\""), List.of("key = value"),
                List.of("key=[\"value\"]"), List.of("", "a=b"), List.of("key=\"foo bar\""),
                List.of("key=[\"my_value]"), List.of("key=[\"my_value\",\"other-value\"]"), List.of("key\\=value"),
                List.of("key=\"&whoami\""), List.of("key=\"value\"=5"), List.of("key=[\">file.txt\"]"),
                List.of("%hello"), List.of("%PATH%"), List.of("%%cd:~,%"), List.of("%PATH%PATH%"),
                List.of("\">file.txt"), List.of("abc\"&echo hello"), List.of("123\">file.txt"),
                List.of("\"&echo hello&whoami.exe"), List.of("hello^\"world", "hello &echo oh no >file.txt"));
        for (List<String> args : cases) {
            assertRoundTrip(args);
        }
    }

    /** cross-spawn's cases: empty arguments, spaces, Unicode, and the shell's special characters. */
    @Test
    void crossSpawnsCasesReachTheProgramUnchangedAndRunNothing() throws Exception {
        assertRoundTrip(List.of("foo", "", "bar", "André Cruz"));
        assertRoundTrip(List.of("foo", "()", "foo", "[]", "foo", "%!", "foo", "^<", "foo", ">&", "foo", "|;", "foo",
                ", ", "foo", "!=", "foo", "\\*", "foo", "\"f\"", "foo", "?.", "foo", "=`", "foo", "'", "foo", "\\\"",
                "bar\\", "\"foo|bar>baz\"", "\"(foo|bar>baz|foz)\""));
    }

    /** Found by the random property below: an argument of one U+3000 came back empty from the model's first cut. */
    @Test
    void unicodesOtherSpacesAreQuotedAndReachTheProgramUnchanged() throws Exception {
        for (String space : List.of("\u3000", "\u2028", "\u00a0", "\u1680", "\u205f", "\u0085")) {
            assertRoundTrip(List.of(space));
            assertRoundTrip(List.of("a" + space + "b", space));
            assertThat(line(space)).isEqualTo("\"\"" + SCRIPT + "\" \"" + space + "\"\"");
        }
    }

    @Test
    void aScriptWithSpecialCharactersOrAVariablesNameInItsPathIsTheOneRun() throws Exception {
        for (String script : List.of("C:\\fixtures\\()%!^&;, .bat", "C:\\fixtures\\%CD%.bat", "C:\\a b\\x.cmd")) {
            CmdModel.Run run = CmdModel.run(WindowsCommand.batchCommandLine("s", script, List.of("a")));
            assertThat(run.script()).isEqualTo(script);
            assertThat(run.programArgs()).containsExactly("a");
        }
    }

    @Test
    void lineBreaksAndNulsAreRefusedNamingTheServerTheArgumentAndTheScript() {
        for (String bad : List.of("a\nb", "\r", "x\0")) {
            assertThatThrownBy(() -> line("ok", bad)).isInstanceOf(CannotExecuteException.class)
                    .hasMessageStartingWith("everything: argument 2 of `" + SCRIPT + "` has a ")
                    .hasMessageContaining("cannot be passed to a batch file safely");
        }
    }

    @Test
    void aScriptNameNoWindowsFileCanHaveIsRefused() {
        for (String script : List.of("C:\\a\"b.cmd", "C:\\dir\\")) {
            assertThatThrownBy(() -> WindowsCommand.batchCommandLine("s", script, List.of()))
                    .isInstanceOf(CannotExecuteException.class).hasMessageContaining("is no Windows file name");
        }
    }

    /** The model would catch the injection that BatBadBut names: quotes alone around {@code "&calc} let it out. */
    @Test
    void theModelCatchesAnArgumentOnlyWrappedInQuotes() {
        String naive = "\"\"" + SCRIPT + "\" \"\"&calc\"\"";
        assertThatThrownBy(() -> CmdModel.run(naive)).isInstanceOf(CmdModel.InjectionException.class);
        String unguardedPercent = "\"\"" + SCRIPT + "\" \"%PATH%\"\"";
        assertThat(CmdModel.run(unguardedPercent).programArgs()).containsExactly("C:\\Windows");
    }

    @Property(tries = 1500)
    void anyArgumentsOfTheShellsSpecialCharactersReachTheProgramUnchanged(
            @ForAll("specialArguments") List<String> args) throws Exception {
        assertRoundTrip(args);
    }

    @Property(tries = 500)
    void anyArgumentsWithoutLineBreaksOrNulsReachTheProgramUnchanged(@ForAll("anyArguments") List<String> args)
            throws Exception {
        assertRoundTrip(args);
    }

    @Provide
    Arbitrary<List<String>> specialArguments() {
        return Arbitraries.strings().withChars("aZ09 \t\"\\%!^&|<>()[]{};,=`'*?~#$+-./:@_é").ofMaxLength(10)
                .list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<String>> anyArguments() {
        return Arbitraries.strings().all().excludeChars('\r', '\n', '\0').ofMaxLength(10).list().ofMaxSize(3);
    }

    private static void assertRoundTrip(List<String> args) throws CannotExecuteException {
        CmdModel.Run run = CmdModel.run(WindowsCommand.batchCommandLine("everything", SCRIPT, args));
        assertThat(run.script()).isEqualTo(SCRIPT);
        assertThat(run.programArgs()).as("the program's arguments for %s", args).isEqualTo(new ArrayList<>(args));
    }
}
