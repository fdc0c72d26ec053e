package dev.mcpproxy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.SidecarProcess;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The web UI's files as a real sidecar serves them from the bundle the build made (module mcp-proxy-web). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiTest {

    private SidecarProcess sidecar;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String script;

    @BeforeAll
    void start() throws Exception {
        sidecar = SidecarProcess.start(Files.createTempDirectory(Path.of("target"), "webui-"), "servers: []\n");
        Matcher asset = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(get("/", null).body());
        assertThat(asset.find()).as("index.html names its script").isTrue();
        script = asset.group(1);
    }

    @AfterAll
    void stop() throws Exception {
        sidecar.close();
    }

    private HttpResponse<String> get(String path, String acceptEncoding, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sidecar.apiUrl + path));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path, String acceptEncoding) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sidecar.apiUrl + path))
                .header("Accept-Encoding", acceptEncoding).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("script-src 'self'").contains("style-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void theAppIsServedWithoutTheTokenAndWithoutInlineScript() throws Exception {
        HttpResponse<String> index = get("/", null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.body()).contains("<div id=\"app\">").doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContain("style=");
        assertSecurityHeaders(index);
        // The API it calls still wants the token.
        assertThat(get("/api/servers", null).statusCode()).isEqualTo(401);
    }

    @Test
    void hashedAssetsAreCachedForAYearInTheirContentType() throws Exception {
        HttpResponse<String> js = get(script, null);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertSecurityHeaders(js);
        String css = Pattern.compile("href=\"(/assets/[^\"]+\\.css)\"").matcher(get("/", null).body()).results()
                .findFirst().orElseThrow().group(1);
        assertThat(get(css, null).headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/favicon.svg", null).headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    }

    @Test
    void theCodingTheClientAcceptsIsSentAsTheBuildMadeIt() throws Exception {
        HttpResponse<byte[]> identity = getBytes(script, "identity");
        HttpResponse<byte[]> gzip = getBytes(script, "gzip");
        HttpResponse<byte[]> brotli = getBytes(script, "gzip, deflate, br, zstd");
        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(brotli.headers().firstValue("Content-Encoding")).hasValue("br");
        for (HttpResponse<byte[]> each : java.util.List.of(identity, gzip, brotli)) {
            assertThat(each.headers().firstValue("Vary")).hasValue("Accept-Encoding");
            assertThat(each.headers().firstValue("Content-Length")).hasValue(String.valueOf(each.body().length));
        }
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(identity.body());
        }
        assertThat(brotli.body().length).isLessThan(gzip.body().length).isLessThan(identity.body().length);
        // Each representation has a tag of its own (RFC 9110 8.8.3).
        assertThat(java.util.Set.of(identity.headers().firstValue("ETag").orElseThrow(),
                gzip.headers().firstValue("ETag").orElseThrow(),
                brotli.headers().firstValue("ETag").orElseThrow())).hasSize(3);
    }

    @Test
    void aTagTheClientHoldsGets304WithNoBody() throws Exception {
        HttpResponse<String> first = get("/", "br");
        String tag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/", "br", "If-None-Match", "\"other\", " + tag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(tag);
        assertThat(again.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(get("/", "br", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        // The gzip form's tag is not the brotli form's.
        assertThat(get("/", "gzip", "If-None-Match", tag).statusCode()).isEqualTo(200);
    }

    @Test
    void headGetsTheHeadAlone() throws Exception {
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(sidecar.apiUrl + script))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(Long.parseLong(head.headers().firstValue("Content-Length").orElseThrow())).isPositive();
    }

    @Test
    void theAppsOwnRoutesGetTheAppAndMissingFilesDoNot() throws Exception {
        String index = get("/", "identity").body();
        for (String route : new String[] {"/servers/demo", "/traffic", "/config"}) {
            HttpResponse<String> page = get(route, "identity");
            assertThat(page.statusCode()).as(route).isEqualTo(200);
            assertThat(page.body()).as(route).isEqualTo(index);
        }
        for (String missing : new String[] {"/assets/gone-1234.js", "/robots.txt", "/assets/"}) {
            HttpResponse<String> page = get(missing, null);
            assertThat(page.statusCode()).as(missing).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type")).as(missing).hasValue("text/plain; charset=utf-8");
            assertSecurityHeaders(page);
        }
        HttpResponse<String> api = get("/api/nothing", null, "Authorization", "Bearer " + SidecarProcess.TOKEN);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(Json.parse(api.body()).path("error").asString()).startsWith("Not found");
    }

    @Test
    void onlyGetAndHeadReachTheFiles() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(sidecar.apiUrl + "/servers/demo"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void aPageOfAnotherOriginGetsNothing() throws Exception {
        assertThat(get("/", null, "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        HttpResponse<String> api = get("/api/servers", null, "Origin", "http://127.0.0.1:1",
                "Authorization", "Bearer " + SidecarProcess.TOKEN);
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(new String(api.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("only the management UI's own page");
    }
}
