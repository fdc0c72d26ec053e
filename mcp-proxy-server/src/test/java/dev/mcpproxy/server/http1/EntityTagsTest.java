package dev.mcpproxy.server.http1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityTagsTest {

    /** RFC 9110 13.1.2 and its 8.8.3.2 weak comparison; a header that cannot be read never matches. */
    @ParameterizedTest(name = "[{0}] vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "'\"abc\"'                   | '\"abc\"'   | true",
            "'\"xyz\", \"abc\"'          | '\"abc\"'   | true",
            "'\"xyz\",\"abc\"'           | '\"abc\"'   | true",
            "'W/\"abc\"'                 | '\"abc\"'   | true",
            "'\"abc\"'                   | 'W/\"abc\"' | true",
            "'*'                         | '\"abc\"'   | true",
            "' * '                       | '\"abc\"'   | true",
            "'\"abcd\"'                  | '\"abc\"'   | false",
            "'\"ab\"'                    | '\"abc\"'   | false",
            "'\"a,b\", \"abc\"'          | '\"abc\"'   | true",
            "'\"a,b\"'                   | '\"a\"'     | false",
            "'abc'                       | '\"abc\"'   | false",
            "'\"abc'                     | '\"abc\"'   | false",
            "''                          | '\"abc\"'   | false",
            "'\"abc-br\"'                | '\"abc\"'   | false",
    })
    void ifNoneMatch(String header, String tag, boolean matches) {
        assertThat(EntityTags.noneMatchFails(header, tag)).isEqualTo(matches);
    }
}
