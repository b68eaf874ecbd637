package jp.nurture.leads.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import jp.nurture.leads.core.user.ApiKeys;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Over real HTTP: a client that fires the same request several times at once (a timeout and its retries) creates
 * one person and one lead, and every answer is the same; the API sets no session cookie.
 */
@LeadsWebTest
class ConcurrentRetriesTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ApiKeys apiKeys;

    @Test
    void simultaneousRetriesWithOneIdempotencyKeyCreateOneLead() throws Exception {
        long product = DemoLeads.productId(jdbc, "FACTORY-IOT");
        String key = apiKeys.issue("retrying client", List.of(product), null).secret();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"person": {"email": "retry.%s@example.jp", "fullName": "佐藤 花子"},
                 "company": {"name": "リトライ%s株式会社"}}""".formatted(tag, tag);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/products/"
                        + product + "/leads"))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .header("Idempotency-Key", "retry-" + tag)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpClient http = HttpClient.newHttpClient();
        {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();
            assertThat(responses).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(201);
                assertThat(r.body()).isEqualTo(responses.get(0).body());
                assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
            });
            assertThat(responses.stream().filter(r -> r.headers().firstValue("Idempotent-Replayed").isPresent()))
                    .hasSize(3);

            // The same new person sent at once without a key is still one person: the capture merges one at a time.
            HttpRequest unkeyed = HttpRequest.newBuilder(request.uri()).header("X-API-Key", key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.replace("retry.", "twin."))).build();
            List<HttpResponse<String>> twins = List.of(
                    http.sendAsync(unkeyed, HttpResponse.BodyHandlers.ofString()),
                    http.sendAsync(unkeyed, HttpResponse.BodyHandlers.ofString()))
                    .stream().map(CompletableFuture::join).toList();
            assertThat(twins).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 200);
        }
        assertThat(jdbc.sql("select count(*) from person where email in (?, ?)")
                .params("retry." + tag + "@example.jp", "twin." + tag + "@example.jp").query(Long.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from api_idempotency where idempotency_key = ?").param("retry-" + tag)
                .query(Long.class).single()).isEqualTo(1);
    }
}
