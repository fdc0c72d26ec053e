package dev.mcpproxy.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    /** Apache Commons IO's FilenameUtilsWildcardTest (testMatch, testMatch2, IO-246), case-sensitive as this is. */
    @ParameterizedTest(name = "{1} on \"{0}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Foo                     | Foo                | true
            ''                      | ''                 | true
            ''                      | *                  | true
            ''                      | ?                  | false
            Foo                     | Fo*                | true
            Foo                     | Fo?                | true
            Foo Bar and Catflap     | Fo*                | true
            New Bookmarks           | N?w ?o?k??r?s      | true
            Foo                     | Bar                | false
            Foo Bar Foo             | F*o Bar*           | true
            Adobe Acrobat Installer | Ad*er              | true
            Foo                     | *Foo               | true
            BarFoo                  | *Foo               | true
            Foo                     | Foo*               | true
            FooBar                  | Foo*               | true
            FOO                     | *Foo               | false
            BARFOO                  | *Foo               | false
            FOO                     | Foo*               | false
            FOOBAR                  | Foo*               | false
            log.txt                 | log.txt            | true
            log.txt1                | log.txt            | false
            log.txt                 | log.txt*           | true
            log.txt                 | log.txt*1          | false
            log.txt                 | *log.txt*          | true
            log.txt                 | *.txt              | true
            txt.log                 | *.txt              | false
            config.ini              | *.ini              | true
            config.txt.bak          | con*.txt           | false
            log.txt9                | *.txt?             | true
            log.txt                 | *.txt?             | false
            progtestcase.java~5~    | *test*.java~*~     | true
            progtestcase.java;5~    | *test*.java~*~     | false
            progtestcase.java~5     | *test*.java~*~     | false
            log.txt                 | log.*              | true
            log.txt                 | log?*              | true
            log.txt12               | log.txt??          | true
            log.log                 | log**log           | true
            log.log                 | log**              | true
            log.log                 | log.**             | true
            log.log                 | **.log             | true
            log.log                 | **log              | true
            log.log                 | log*log            | true
            log.log                 | *log?              | false
            log.log                 | *log?*             | true
            log.log.abc             | *log?abc           | true
            log.log.abc.log.abc     | *log?abc           | true
            log.log.abc.log.abc.d   | *log?abc?d         | true
            aaa                     | aa*?               | true
            aaa                     | a*?                | true
            aaa                     | *?                 | true
            ''                      | ?*                 | false
            a                       | a?*                | false
            aa                      | aa?*               | false
            a                       | ?*                 | true
            aaa                     | ?*                 | true
            a                       | a?                 | false
            aab                     | aa?                | true
            aaa                     | *a                 | true
            """)
    void commonsIoCases(String name, String glob, boolean expected) {
        assertThat(Glob.matches(glob, name)).isEqualTo(expected);
    }

    /** Names an upstream chooses: whatever they hold is matched as text, never read as a path or a pattern. */
    @ParameterizedTest(name = "{1} on \"{0}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            github/search_issues | github/*      | true
            github/search_issues | *_issues      | true
            ns:tool              | ns:*          | true
            C:\\tool              | C:\\*          | true
            get[1]               | get[1]        | true
            get1                 | get[1]        | false
            get[                 | get[          | true
            a,b                  | {a,b}         | false
            {a,b}                | {a,b}         | true
            read_file            | READ_*        | false
            """)
    void everyCharacterButStarAndQuestionMarkIsItself(String name, String glob, boolean expected) {
        assertThat(Glob.matches(glob, name)).isEqualTo(expected);
    }

    @Test
    void aNulInANameIsACharacterLikeAnyOther() {
        assertThat(Glob.matches("a*", "a\0b")).isTrue();
        assertThat(Glob.matches("a?b", "a\0b")).isTrue();
        assertThat(Glob.matches("a", "a\0")).isFalse();
    }

    @Test
    void aQuestionMarkIsOneCharacterEvenOutsideTheBasicPlane() {
        assertThat(Glob.matches("tool-?", "tool-\uD83D\uDE00")).isTrue();
        assertThat(Glob.matches("tool-??", "tool-\uD83D\uDE00")).isFalse();
        assertThat(Glob.matches("*?x", "\uD83D\uDE00\uD83D\uDE01x")).isTrue();
        assertThat(Glob.matches("*\uD83D\uDE01", "\uD83D\uDE00\uD83D\uDE01")).isTrue();
        assertThat(Glob.matches("*\uD83D\uDE01", "\uD83D\uDE01\uD83D\uDE00")).isFalse();
    }

    /** A pattern that sends a backtracking matcher into steps exponential in its stars is a few million here. */
    @Test
    void manyStarsOnALongNameTakeStepsInProportionToBoth() {
        String name = "a".repeat(100_000);
        assertThat(Glob.matches("*a*a*a*a*a*a*a*a*b", name)).isFalse();
        assertThat(Glob.matches("*a*a*a*a*a*a*a*a*a", name)).isTrue();
    }

    /** Against java.util.regex on the same meaning: {@code .*} for a star, {@code .} for a question mark. */
    @Property(tries = 3000)
    void agreesWithTheRegexOfTheSameMeaning(@ForAll @StringLength(max = 8) @CharRange(from = 'a', to = 'b')
                                            @CharRange(from = '*', to = '*') @CharRange(from = '?', to = '?')
                                            String glob,
                                            @ForAll @StringLength(max = 10) @CharRange(from = 'a', to = 'b')
                                            @CharRange(from = '?', to = '?') String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        assertThat(Glob.matches(glob, name)).as("%s on %s", glob, name)
                .isEqualTo(Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name).matches());
    }
}
