package dev.mcpproxy.core.upstream.auth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's browser step over plain HTTP: follows the authorization URL through oidc-provider's development login
 * and consent forms, and stops at the redirect to the proxy, returning its address without visiting it.
 */
public final class FormBrowser {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public URI signIn(URI authorizationUrl, int redirectPort) throws IOException, InterruptedException {
        URI at = authorizationUrl;
        for (int step = 0; step < 20; step++) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(at).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() / 100 == 3) {
                URI next = at.resolve(page.headers().firstValue("Location").orElseThrow());
                if (next.getPort() == redirectPort) {
                    return next;
                }
                at = next;
                continue;
            }
            Matcher form = FORM_ACTION.matcher(page.body());
            if (page.statusCode() != 200 || !form.find()) {
                throw new AssertionError("sign-in page " + at + " answered " + page.statusCode() + ": " + page.body());
            }
            String fields = page.body().contains("name=\"login\"")
                    ? "prompt=login&login=" + URLEncoder.encode("alice", StandardCharsets.UTF_8) + "&password=x"
                    : "prompt=consent";
            HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(at.resolve(form.group(1)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString());
            URI formPage = at;
            at = at.resolve(submitted.headers().firstValue("Location")
                    .orElseThrow(() -> new AssertionError("form at " + formPage + " answered " + submitted.body())));
            if (at.getPort() == redirectPort) {
                return at;
            }
        }
        throw new AssertionError("the sign-in did not come back to port " + redirectPort);
    }
}
