package jp.nurture.leads.web.security;

import static org.assertj.core.api.Assertions.assertThat;

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
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The booted app over real HTTP: each demo user signs in through the login form (CSRF token and session cookie
 * as a browser would) and reaches their home page; a wrong password does not.
 */
@LeadsWebTest
class SignInOverHttpTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort int port;

    @ParameterizedTest
    @CsvSource({"admin,管理者", "marketer,マーケティング", "inside,インサイドセールス", "field,フィールドセールス"})
    void eachDemoUserReachesTheirHomePage(String username, String roleLabel) throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> home = signIn(browser, username, "demo1234");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.uri().getPath()).isEqualTo("/");
        assertThat(home.body()).contains("さん、こんにちは").contains(roleLabel).contains("id=\"product-summary\"");
    }

    @ParameterizedTest
    @CsvSource({"inside,wrong-password", "nobody,demo1234"})
    void aWrongPasswordOrUnknownUserStaysOnTheLoginPage(String username, String password) throws Exception {
        HttpResponse<String> page = signIn(browser(), username, password);
        assertThat(page.uri().toString()).contains("/login?error");
        assertThat(page.body()).contains("ユーザー名またはパスワードが違うか");
    }

    @org.junit.jupiter.api.Test
    void signingInIssuesANewSessionAndSigningOutEndsIt() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        String before = session(cookies);
        assertThat(before).as("the login page starts a session for its CSRF token").isNotNull();

        HttpResponse<String> home = signIn(browser, "inside", "demo1234");
        assertThat(home.uri().getPath()).isEqualTo("/");
        String after = session(cookies);
        assertThat(after).as("session fixation: a new session id after sign-in").isNotNull().isNotEqualTo(before);

        Matcher token = CSRF.matcher(home.body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> asGet = browser.send(HttpRequest.newBuilder(uri("/logout")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browser.send(HttpRequest.newBuilder(uri("/leads")).build(), HttpResponse.BodyHandlers.ofString())
                .uri().getPath()).as("a GET to /logout signs nobody out (status %s)", asGet.statusCode())
                .isEqualTo("/leads");
        HttpResponse<String> out = browser.send(HttpRequest.newBuilder(uri("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(token.group(1)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(out.uri().toString()).contains("/login?logout");
        assertThat(browser.send(HttpRequest.newBuilder(uri("/leads")).build(), HttpResponse.BodyHandlers.ofString())
                .uri().getPath()).isEqualTo("/login");

        // The old session id is worthless now, even replayed by hand.
        HttpResponse<String> replay = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(uri("/leads")).header("Cookie", "SESSION=" + after).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(302);
        assertThat(replay.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    private static String session(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("SESSION") || c.getName().equals("JSESSIONID"))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    private HttpResponse<String> signIn(HttpClient browser, String username, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(login.body());
        assertThat(token.find()).isTrue();
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
        return browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
