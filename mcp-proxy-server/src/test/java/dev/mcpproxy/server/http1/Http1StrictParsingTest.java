package dev.mcpproxy.server.http1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each point of RFC 9112 / 9110 strictness the server holds to, on a real socket: what two parsers could read
 * differently is refused with 400 and the connection closed, and what is valid reads one way only.
 */
class Http1StrictParsingTest {

    private EchoServer echo;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer(EchoServer.SMALL);
    }

    @AfterEach
    void stop() {
        echo.close();
    }

    @Test
    void aBareLfOrCrInTheHeadIsRefused() throws IOException {
        assertThat(refusal("GET /echo HTTP/1.1\r\nHost: h\nX-Value: a\r\n\r\n")).contains("bare LF");
        assertThat(refusal("GET /echo HTTP/1.1\r\nHost: h\r\n\n")).contains("bare LF");
        assertThat(refusal("GET /echo HTTP/1.1\r\nHost: h\r\nX-Value: a\rb\r\n\r\n")).contains("bare CR");
        assertThat(refusal("GET /echo\rx HTTP/1.1\r\nHost: h\r\n\r\n")).contains("bare CR");
    }

    /** The message of a 400 refusal. */
    private String refusal(String request) throws IOException {
        try (RawConnection client = echo.connect()) {
            RawConnection.Response response = client.send(request).read();
            assertThat(response.status()).isEqualTo(400);
            return response.body();
        }
    }

    @Test
    void onlySpaceAndTabAreTrimmedFromFieldValues() throws IOException {
        assertThat(echo.body("GET /echo HTTP/1.1\r\nHost: h\r\nX-Value: \t a b \t\r\n\r\n")).isEqualTo("GET /echo x=a b ");
        assertThat(echo.status("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\u000b\r\n\r\nhello")).isEqualTo(400);
        assertThat(echo.status("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: \u000c5\r\n\r\nhello")).isEqualTo(400);
    }

    @Test
    void fieldNamesAreReadInAnyCase() throws IOException {
        assertThat(echo.body("GET /echo HTTP/1.1\r\nhOsT: h\r\nx-VALUE: a\r\n\r\n")).isEqualTo("GET /echo x=a ");
        assertThat(echo.body("POST /echo HTTP/1.1\r\nHOST: h\r\nCONTENT-length: 5\r\n\r\nhello"))
                .isEqualTo("POST /echo hello");
        assertThat(refusal("GET /echo HTTP/1.1\r\nHost: h\r\nhost: i\r\n\r\n")).contains("host given twice");
        assertThat(refusal("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nCONTENT-LENGTH: 5\r\n\r\nhello"))
                .contains("content-length given twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0001", "\u007f", "\u0000", "\u001b"})
    void controlCharactersInFieldValuesAreRefused(String control) throws IOException {
        assertThat(echo.status("GET /echo HTTP/1.1\r\nHost: h\r\nX-Value: a" + control + "b\r\n\r\n")).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\u0001b", "/a\u007fb", "/a\tb", "/caf\u00e9", "/a\u0000"})
    void controlAndNonAsciiCharactersInTheTargetAreRefused(String target) throws IOException {
        assertThat(echo.status("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n")).isEqualTo(400);
    }

    @Test
    void thePathIsPercentDecodedOnceAsUtf8() throws IOException {
        assertThat(echo.body("GET /a%20b/caf%C3%A9+x?q=%20 HTTP/1.1\r\nHost: h\r\n\r\n")).isEqualTo("GET /a b/café+x?q=%20 ");
        assertThat(echo.body("GET /a%2541 HTTP/1.1\r\nHost: h\r\n\r\n")).as("decoded once, not twice")
                .isEqualTo("GET /a%41 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2", "/a%zz", "/a%C3", "/a%FF", "/a%C3%28"})
    void malformedEscapesOrEscapesThatAreNotUtf8AreRefused(String target) throws IOException {
        assertThat(echo.status("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n")).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2fb", "/a%5cb", "/a\\b", "/a%00", "/a%0a", "/%2e%2e/b", "/a/%2E/b", "/a/..", "/./a",
        "/a#frag"})
    void ambiguousPathsAreRefused(String target) throws IOException {
        assertThat(echo.status("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n")).isEqualTo(400);
    }

    @Test
    void theAbsoluteFormIsReadByHandAndItsAuthorityReplacesTheHost() throws IOException {
        assertThat(echo.body("GET http://localhost:3000/mcp?x=1 HTTP/1.1\r\nHost: other\r\nX-Show-Host: 1\r\n\r\n"))
                .isEqualTo("GET /mcp?x=1 host=localhost:3000 ");
        assertThat(echo.body("GET HTTP://127.0.0.1?x HTTP/1.1\r\nHost: h\r\nX-Show-Host: 1\r\n\r\n"))
                .isEqualTo("GET /?x host=127.0.0.1 ");
        assertThat(echo.status("GET http://evil.com@127.0.0.1/mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).isEqualTo(400);
        assertThat(echo.status("GET http:///mcp HTTP/1.1\r\nHost: h\r\n\r\n")).isEqualTo(400);
        assertThat(echo.status("GET ftp://h/mcp HTTP/1.1\r\nHost: h\r\n\r\n")).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.com@127.0.0.1", "127.0.0.1@evil.com", "a b", "h:port", "h:123456", "[::1", "[]",
        "h/x", ":80", "h%41"})
    void aHostWithUserInformationOrOtherwiseMalformedIsRefused(String host) throws IOException {
        assertThat(echo.status("GET /echo HTTP/1.1\r\nHost: " + host + "\r\n\r\n")).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1:3000", "[::1]:8080", "my-host.local", "h:"})
    void wellFormedHostsAreAccepted(String host) throws IOException {
        assertThat(echo.body("GET /echo HTTP/1.1\r\nHost: " + host + "\r\nX-Show-Host: 1\r\n\r\n"))
                .isEqualTo("GET /echo host=" + host + " ");
    }

    private static final String CHUNKED = "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";

    @Test
    void chunkDataMustBeFollowedByCrlfAndNothingElse() throws IOException {
        assertThat(echo.status(CHUNKED + "5\r\nhello \r\n0\r\n\r\n")).isEqualTo(400);
        assertThat(echo.status(CHUNKED + "5\r\nhello\n0\r\n\r\n")).isEqualTo(400);
        assertThat(echo.status(CHUNKED + "5\r\nhelloXX0\r\n\r\n")).isEqualTo(400);
    }

    @Test
    void chunkLinesMustEndInCrlf() throws IOException {
        assertThat(echo.status(CHUNKED + "5\nhello\r\n0\r\n\r\n")).isEqualTo(400);
        assertThat(echo.status(CHUNKED + "5\r\nhello\r\n0\n\r\n")).isEqualTo(400);
        assertThat(echo.status(CHUNKED + "5\r\nhello\r\n0\r\n\n")).isEqualTo(400);
        assertThat(echo.status(CHUNKED + "5\rx\nhello\r\n0\r\n\r\n")).isEqualTo(400);
    }

    @Test
    void chunkSizesAreHexWithBoundedExtensions() throws IOException {
        assertThat(echo.body(CHUNKED + "5 ;a=b;c\r\nhello\r\n0\r\n\r\n")).isEqualTo("POST /echo hello");
        assertThat(echo.status(CHUNKED + "5g\r\nhello\r\n0\r\n\r\n")).isEqualTo(400);
        assertThat(echo.status(CHUNKED + "x5\r\nhello\r\n0\r\n\r\n")).isEqualTo(400);
        assertThat(echo.status(CHUNKED + "5" + ";e".repeat(17) + "\r\nhello\r\n0\r\n\r\n")).isEqualTo(400);
        assertThat(echo.body(CHUNKED + "5" + ";e".repeat(16) + "\r\nhello\r\n0\r\n\r\n")).isEqualTo("POST /echo hello");
        assertThat(echo.status(CHUNKED + "5;" + "e".repeat(1100) + "\r\nhello\r\n0\r\n\r\n")).isEqualTo(400);
        assertThat(echo.status(CHUNKED + "5;a=\u0001\r\nhello\r\n0\r\n\r\n")).isEqualTo(400);
    }

    @Test
    void trailersAreBoundedInNumberAndSize() throws IOException {
        assertThat(echo.body(CHUNKED + "0\r\n" + "T: v\r\n".repeat(32) + "\r\n")).isEqualTo("POST /echo ");
        assertThat(echo.status(CHUNKED + "0\r\n" + "T: v\r\n".repeat(33) + "\r\n")).isEqualTo(431);
        assertThat(echo.status(CHUNKED + "0\r\nT: " + "v".repeat(9000) + "\r\n\r\n")).isEqualTo(431);
        assertThat(echo.status(CHUNKED + "0\r\nBad Name: v\r\n\r\n")).isEqualTo(400);
        assertThat(echo.status(CHUNKED + "0\r\nT: a\u0001\r\n\r\n")).isEqualTo(400);
    }

    @Test
    void headIsAnsweredWithTheHeadersOfGetAndNoBody() throws IOException {
        try (RawConnection client = echo.connect()) {
            RawConnection.Response head = client.send("HEAD /echo HTTP/1.1\r\nHost: h\r\n\r\n").readWithoutBody();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers()).containsEntry("content-length", "11");
            // Had a body been sent, this would read it instead of the next answer.
            assertThat(client.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n").read().body()).isEqualTo("GET /echo ");
        }
    }

    @Test
    void headRefusedAtItsHeadIsAnsweredWithoutBodyAndTheConnectionGoesOn() throws IOException {
        try (RawConnection client = echo.connect()) {
            RawConnection.Response refused = client.send("HEAD /private HTTP/1.1\r\nHost: h\r\n\r\n").readWithoutBody();
            assertThat(refused.status()).isEqualTo(401);
            assertThat(client.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n").read().body()).isEqualTo("GET /echo ");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void noContentAndNotModifiedHaveNoLengthAndNoBody(int status) throws IOException {
        try (RawConnection client = echo.connect()) {
            RawConnection.Response response = client.send("GET /status/" + status + " HTTP/1.1\r\nHost: h\r\n\r\n")
                    .readWithoutBody();
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.headers()).doesNotContainKey("content-length");
            assertThat(client.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n").read().body()).isEqualTo("GET /echo ");
        }
    }
}
