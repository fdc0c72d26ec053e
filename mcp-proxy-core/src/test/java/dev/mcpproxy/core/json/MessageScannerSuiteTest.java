package dev.mcpproxy.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JSONTestSuite's parsing cases (github.com/nst/JSONTestSuite, test_parsing at 1ef36fa, MIT licence beside them in
 * {@code json-test-suite/}): every {@code y_} text accepted, every {@code n_} text refused, each {@code i_} text as
 * the choice below says, whole and fed one byte at a time. Two {@code n_} cases of 100 and 250 KB are made here
 * rather than kept as files.
 */
class MessageScannerSuiteTest {

    /**
     * The texts RFC 8259 lets a parser accept or refuse, and what the scanner does: Jackson's choice (the rest of the
     * proxy parses with it), but for text that is not well-formed UTF-8, which is refused, so that what a client is
     * handed is always valid.
     */
    private static final Map<String, Boolean> IMPLEMENTATION_DEFINED = Map.ofEntries(
            Map.entry("i_number_double_huge_neg_exp.json", true),
            Map.entry("i_number_huge_exp.json", true),
            Map.entry("i_number_neg_int_huge_exp.json", true),
            Map.entry("i_number_pos_double_huge_exp.json", true),
            Map.entry("i_number_real_neg_overflow.json", true),
            Map.entry("i_number_real_pos_overflow.json", true),
            Map.entry("i_number_real_underflow.json", true),
            Map.entry("i_number_too_big_neg_int.json", true),
            Map.entry("i_number_too_big_pos_int.json", true),
            Map.entry("i_number_very_big_negative_int.json", true),
            Map.entry("i_object_key_lone_2nd_surrogate.json", true),
            Map.entry("i_string_1st_surrogate_but_2nd_missing.json", true),
            Map.entry("i_string_1st_valid_surrogate_2nd_invalid.json", true),
            Map.entry("i_string_incomplete_surrogate_and_escape_valid.json", true),
            Map.entry("i_string_incomplete_surrogate_pair.json", true),
            Map.entry("i_string_incomplete_surrogates_escape_valid.json", true),
            Map.entry("i_string_invalid_lonely_surrogate.json", true),
            Map.entry("i_string_invalid_surrogate.json", true),
            Map.entry("i_string_inverted_surrogates_U+1D11E.json", true),
            Map.entry("i_string_lone_second_surrogate.json", true),
            Map.entry("i_structure_500_nested_arrays.json", true),
            Map.entry("i_string_UTF-16LE_with_BOM.json", false),
            Map.entry("i_string_UTF-8_invalid_sequence.json", false),
            Map.entry("i_string_UTF8_surrogate_U+D800.json", false),
            Map.entry("i_string_invalid_utf-8.json", false),
            Map.entry("i_string_iso_latin_1.json", false),
            Map.entry("i_string_lone_utf8_continuation_byte.json", false),
            Map.entry("i_string_not_in_unicode_range.json", false),
            Map.entry("i_string_overlong_sequence_2_bytes.json", false),
            Map.entry("i_string_overlong_sequence_6_bytes.json", false),
            Map.entry("i_string_overlong_sequence_6_bytes_null.json", false),
            Map.entry("i_string_truncated-utf-8.json", false),
            Map.entry("i_string_utf16BE_no_BOM.json", false),
            Map.entry("i_string_utf16LE_no_BOM.json", false),
            Map.entry("i_structure_UTF-8_BOM_empty_object.json", false));

    private static Path suite() {
        try {
            return Path.of(MessageScannerSuiteTest.class.getResource("/json-test-suite/LICENSE").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        Stream<Arguments> files = Files.list(suite())
                .filter(file -> file.getFileName().toString().endsWith(".json")).sorted()
                .map(file -> Arguments.of(file.getFileName().toString(), read(file)));
        Stream<Arguments> made = Stream.of(
                Arguments.of("n_structure_100000_opening_arrays.json", "[".repeat(100_000).getBytes()),
                Arguments.of("n_structure_open_array_object.json",
                        ("[{\"\":".repeat(50_000) + "\n").getBytes(StandardCharsets.US_ASCII)));
        return Stream.concat(files, made);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String problemWhole(byte[] text) {
        MessageScanner scanner = new MessageScanner();
        scanner.feed(text, 0, text.length);
        return scanner.problem();
    }

    private static String problemByteByByte(byte[] text) {
        MessageScanner scanner = new MessageScanner();
        for (int i = 0; i < text.length; i++) {
            scanner.feed(text, i, i + 1);
        }
        return scanner.problem();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachTextIsAcceptedOrRefusedAsTheSuiteSays(String name, byte[] text) {
        boolean accepted = switch (name.charAt(0)) {
            case 'y' -> true;
            case 'n' -> false;
            default -> {
                assertThat(IMPLEMENTATION_DEFINED).as("a choice made for " + name).containsKey(name);
                yield IMPLEMENTATION_DEFINED.get(name);
            }
        };
        if (accepted) {
            assertThat(problemWhole(text)).isNull();
        } else {
            assertThat(problemWhole(text)).isNotNull();
        }
        assertThat(problemByteByByte(text)).isEqualTo(problemWhole(text));
    }

    @Test
    void theSuiteIsAllThere() throws IOException {
        try (Stream<Path> files = Files.list(suite())) {
            assertThat(files.filter(file -> file.getFileName().toString().endsWith(".json")).count() + 2)
                    .isEqualTo(318);
        }
    }
}
