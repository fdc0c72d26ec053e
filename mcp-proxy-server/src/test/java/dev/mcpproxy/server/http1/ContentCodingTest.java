package dev.mcpproxy.server.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentCodingTest {

    /**
     * Netty's HttpContentCompressorTest.testGetTargetContentEncoding, for a server that holds gzip only: its null
     * (do not compress) is identity here, and its deflate, which this server does not hold, is identity too.
     */
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                      | identity",
            "*                       | gzip",
            "*;q=0.0                 | ",
            "gzip                    | gzip",
            "compress, gzip;q=0.5    | gzip",
            "gzip; q=0.5, identity   | gzip",
            "gzip ; q=0.1            | gzip",
            "gzip; q=0, deflate      | identity",
            "' deflate ; q=0 , *;q=0.5' | gzip",
    })
    void nettysGzipCases(String acceptEncoding, String expected) {
        assertThat(ContentCoding.choose(acceptEncoding, List.of("gzip"))).isEqualTo(expected);
    }

    /** Netty's BrotliContentCompressorTest.testGetTargetContentEncoding, for a server that holds br only. */
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                      | identity",
            "*                       | br",
            "*;q=0.0                 | ",
            "br                      | br",
            "compress, br;q=0.5      | br",
            "br; q=0.5, identity     | br",
            "br ; q=0.1              | br",
            "' br ; q=0.2 , *;q=0.5' | br",
    })
    void nettysBrotliCases(String acceptEncoding, String expected) {
        assertThat(ContentCoding.choose(acceptEncoding, List.of("br"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            // What browsers send: the server's preference decides between equals.
            "'gzip, deflate, br, zstd' | br",
            "'gzip, deflate'           | gzip",
            // Weights decide over the server's order.
            "'br;q=0.5, gzip'          | gzip",
            "'br;q=0.5, gzip;q=0.8'    | gzip",
            "'gzip;q=0.5, br;q=0.5'    | br",
            // Refused by name, by * and by zero, in any case and spacing.
            "'br;q=0, gzip;q=0'        | identity",
            "'BR;Q=1.0'                | br",
            "'br;q=0.000'              | identity",
            "'*;q=0, gzip'             | gzip",
            "'*;q=0, identity;q=0.1'   | identity",
            "'identity;q=0'            | ",
            // x-gzip is gzip (RFC 9110 8.4.1.3).
            "'x-gzip'                  | gzip",
            // A weight that is not a qvalue weighs nothing; neither does an empty entry.
            "'br;q=2, gzip'            | gzip",
            "'br;q=0.5555, gzip;q=0.1' | gzip",
            "'br;q=abc'                | identity",
            "', , gzip'                | gzip",
    })
    void bothCodingsHeld(String acceptEncoding, String expected) {
        assertThat(ContentCoding.choose(acceptEncoding, List.of("br", "gzip"))).isEqualTo(expected);
    }

    @Test
    void noHeaderGetsIdentity() {
        assertThat(ContentCoding.choose(null, List.of("br", "gzip"))).isEqualTo("identity");
    }

    @ParameterizedTest(name = "q={0} -> {1}")
    @CsvSource({"1,1000", "1.,1000", "1.000,1000", "0,0", "0.5,500", "0.25,250", "0.001,1", "1.001,0", "2,0",
            "0.1234,0", "-1,0", "'',0", ".5,0", "0.x,0"})
    void qvaluesAreReadAsTheGrammarSays(String text, int thousandths) {
        assertThat(ContentCoding.qvalue(text)).isEqualTo(thousandths);
    }
}
