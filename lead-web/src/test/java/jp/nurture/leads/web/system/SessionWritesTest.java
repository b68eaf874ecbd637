package jp.nurture.leads.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A signed-in user's page views do not rewrite the session row each time, yet the session stays alive. */
@LeadsWebTest
class SessionWritesTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void pageViewsWithinAMinuteLeaveTheSessionRowAloneAndALaterOneMovesItsLastAccess() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://127.0.0.1:" + port;
        signIn(http, base);
        String sessionId = new String(Base64.getDecoder().decode(cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("SESSION")).map(HttpCookie::getValue).findFirst().orElseThrow()),
                StandardCharsets.UTF_8);
        assertThat(get(http, base + "/leads")).isEqualTo(200);
        String rowVersion = rowVersion(sessionId);

        for (int i = 0; i < 3; i++) {
            assertThat(get(http, base + "/leads")).isEqualTo(200);
        }
        assertThat(rowVersion(sessionId)).as("the row was not rewritten").isEqualTo(rowVersion);

        // As if the last stored access were two minutes old: the next request stores the new time.
        jdbc.sql("update spring_session set last_access_time = last_access_time - 120000, "
                + "expiry_time = expiry_time - 120000 where session_id = ?").param(sessionId).update();
        long stale = jdbc.sql("select last_access_time from spring_session where session_id = ?").param(sessionId)
                .query(Long.class).single();
        assertThat(get(http, base + "/leads")).isEqualTo(200);
        long stored = jdbc.sql("select last_access_time from spring_session where session_id = ?").param(sessionId)
                .query(Long.class).single();
        assertThat(stored).isGreaterThanOrEqualTo(stale + 120_000 - 5_000);
        assertThat(jdbc.sql("select expiry_time - last_access_time from spring_session where session_id = ?")
                .param(sessionId).query(Long.class).single()).isEqualTo(8 * 3600 * 1000L);
    }

    private String rowVersion(String sessionId) {
        return jdbc.sql("select xmin::text || ':' || last_access_time from spring_session where session_id = ?")
                .param(sessionId).query(String.class).single();
    }

    private static int get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static void signIn(HttpClient http, String base) throws Exception {
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "username=marketer&password=demo1234&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }
}
