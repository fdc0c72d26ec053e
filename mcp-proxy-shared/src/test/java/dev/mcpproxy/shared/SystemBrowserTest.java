package dev.mcpproxy.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What is handed to the system's opener; that the opener is run is shown by the sidecar's {@code --open} test. */
class SystemBrowserTest {

    @Test
    void httpAndHttpsAddressesWithAHostAreOpened() {
        for (String url : List.of("http://127.0.0.1:3001/?token=abc", "https://auth.example.com/authorize?"
                + "response_type=code&client_id=x&code_challenge=E9Melhoa&state=s%20t&resource=https%3A%2F%2Fa.b",
                "HTTPS://Example.COM", "http://[::1]:8080/cb")) {
            assertThat(SystemBrowser.refusal(url)).as(url).isEmpty();
        }
    }

    @Test
    void anythingAnOpenerWouldTakeAsAFileOrAProgramIsRefusedSayingWhy() {
        assertThat(SystemBrowser.refusal("file:///etc/passwd")).contains("only http and https addresses are opened");
        assertThat(SystemBrowser.refusal("javascript:alert(1)")).contains("only http and https addresses are opened");
        assertThat(SystemBrowser.refusal("/usr/bin/xterm")).contains("only http and https addresses are opened");
        assertThat(SystemBrowser.refusal("--help")).contains("only http and https addresses are opened");
        assertThat(SystemBrowser.refusal("calc.exe")).contains("only http and https addresses are opened");
        assertThat(SystemBrowser.refusal("http:///path")).contains("the address has no host");
        assertThat(SystemBrowser.refusal("http://a b")).get().asString().contains("has a space");
        assertThat(SystemBrowser.refusal("http://a\nb")).get().asString().contains("control character");
        assertThat(SystemBrowser.refusal("http://exämple.com")).get().asString().contains("not ASCII");
        assertThat(SystemBrowser.refusal("http://a/%zz")).get().asString().startsWith("it is not an address");
        assertThat(SystemBrowser.refusal("")).contains("no address was given");
        assertThat(SystemBrowser.refusal(null)).contains("no address was given");
        assertThat(SystemBrowser.refusal("http://a/" + "x".repeat(8192))).get().asString().contains("longer");
    }

    @Test
    void aRefusedAddressIsNeverHandedToTheOpener() {
        assertThatThrownBy(() -> SystemBrowser.open("file:///etc/passwd", OperatingSystem.LINUX, List.of(),
                why -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only http");
    }

    @Test
    void eachSystemsOpenerGetsTheAddressAsOneArgument() {
        String url = "https://a.example/x?y=1&z=2";
        assertThat(SystemBrowser.command(OperatingSystem.LINUX, url)).containsExactly("xdg-open", url);
        assertThat(SystemBrowser.command(OperatingSystem.MACOS, url)).containsExactly("open", url);
        assertThat(SystemBrowser.command(OperatingSystem.WINDOWS, url))
                .containsExactly("rundll32", "url.dll,FileProtocolHandler", url);
    }
}
