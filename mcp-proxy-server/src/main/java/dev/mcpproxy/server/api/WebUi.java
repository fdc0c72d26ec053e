package dev.mcpproxy.server.api;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.json.Json.MalformedJsonException;
import dev.mcpproxy.server.http1.ContentCoding;
import dev.mcpproxy.server.http1.EntityTags;
import dev.mcpproxy.server.http1.Http1Exchange;
import dev.mcpproxy.server.http1.Http1Head;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The web UI's files (module mcp-proxy-web), served at {@code /} on the api port: held in memory, each also in the
 * gzip and brotli forms the build made, sent in the one the client accepts. Names under {@code /assets/} carry their
 * content's hash and are cached for a year; {@code index.html} is revalidated on every load (its ETag makes that a
 * 304). Every answer forbids framing, sniffing and any script or style not from this origin, and sends no referrer
 * (the first address holds the launch token). A path that names no file and no asset is the app's own route
 * ({@code /servers/demo}): it gets {@code index.html}.
 */
final class WebUi {

    /** Where the build puts the bundle in the sidecar's classpath. */
    static final String RESOURCES = "/dev/mcpproxy/server/ui";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; media-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "no-cache";

    /**
     * One file, in each coding the build made of it (identity always); {@code compressed} names the others in the
     * order they are preferred.
     */
    record File(String path, String contentType, String hash, Map<String, byte[]> codings, List<String> compressed) {

        String entityTag(String coding) {
            return "\"" + hash + (coding.equals(ContentCoding.IDENTITY) ? "" : "-" + coding) + "\"";
        }
    }

    private final Map<String, File> files;

    private WebUi(Map<String, File> files) {
        this.files = files;
    }

    /**
     * The bundle in this build, read once, on the first request for it (the sidecar's start never waits for it);
     * empty when the build holds none (a module built alone).
     */
    static WebUi bundled() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final WebUi INSTANCE = load();
    }

    static WebUi load() {
        try (InputStream manifest = WebUi.class.getResourceAsStream(RESOURCES + "/manifest.json")) {
            if (manifest == null) {
                return new WebUi(Map.of());
            }
            Map<String, File> files = new HashMap<>();
            for (JsonNode entry : Json.parse(manifest.readAllBytes()).path("files")) {
                String path = entry.path("path").asString();
                Map<String, byte[]> codings = new HashMap<>();
                codings.put(ContentCoding.IDENTITY, read(path));
                for (JsonNode coding : entry.path("encodings")) {
                    String name = coding.asString();
                    codings.put(name, read(path + (name.equals("gzip") ? ".gz" : "." + name)));
                }
                List<String> compressed = codings.keySet().stream().filter(c -> !c.equals(ContentCoding.IDENTITY))
                        .sorted(WebUi::preference).toList();
                files.put(path, new File(path, entry.path("type").asString(), entry.path("hash").asString(),
                        Map.copyOf(codings), compressed));
            }
            return new WebUi(Map.copyOf(files));
        } catch (IOException | MalformedJsonException e) {
            throw new UncheckedIOException("the web UI's files in this build cannot be read",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static byte[] read(String path) throws IOException {
        try (InputStream in = WebUi.class.getResourceAsStream(RESOURCES + path)) {
            if (in == null) {
                throw new IOException(RESOURCES + path + " is listed in the manifest but missing");
            }
            return in.readAllBytes();
        }
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    /** The file a path names: itself, else the app for a route of its own; null for a missing file or asset. */
    File resolve(String path) {
        File file = files.get(path.equals("/") ? "/index.html" : path);
        if (file != null) {
            return file;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        boolean namesAFile = path.startsWith("/assets/") || last.contains(".");
        return namesAFile ? null : files.get("/index.html");
    }

    /** Answers a GET or HEAD for {@code file}, in the coding the client accepts, or 304 when it has it already. */
    static void send(File file, Http1Head request, Http1Exchange response) {
        String coding = ContentCoding.choose(request.header("Accept-Encoding"), file.compressed());
        if (coding == null) {
            coding = ContentCoding.IDENTITY;
        }
        String tag = file.entityTag(coding);
        securityHeaders(response);
        response.header("Cache-Control", file.path().startsWith("/assets/") ? IMMUTABLE : REVALIDATE);
        response.header("ETag", tag);
        if (file.codings().size() > 1) {
            response.header("Vary", "Accept-Encoding");
        }
        if (EntityTags.noneMatchFails(request.header("If-None-Match"), tag)) {
            response.respond(304, null, null);
            return;
        }
        if (!coding.equals(ContentCoding.IDENTITY)) {
            response.header("Content-Encoding", coding);
        }
        response.respond(200, file.contentType(), file.codings().get(coding));
    }

    /** The headers every answer of the UI's origin carries, its errors too. */
    static void securityHeaders(Http1Exchange response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
    }

    /** Brotli before gzip: the smaller, where both are accepted alike. */
    private static int preference(String a, String b) {
        return Integer.compare(rank(a), rank(b));
    }

    private static int rank(String coding) {
        return switch (coding) {
            case "br" -> 0;
            case "gzip" -> 1;
            default -> 2;
        };
    }
}
