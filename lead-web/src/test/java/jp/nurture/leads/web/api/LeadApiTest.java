package jp.nurture.leads.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.nurture.leads.core.capture.CustomFieldType;
import jp.nurture.leads.core.capture.CustomFields;
import jp.nurture.leads.core.user.ApiKeys;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Other systems create, update and read leads over /api/v1 with an API key limited to some products. */
@LeadsWebTest
class LeadApiTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ApiKeys apiKeys;
    @Autowired CustomFields customFields;
    @Autowired JsonMapper json;

    long accounting;
    long sfa;
    String key;
    String tag;

    @BeforeEach
    void keyForAccountingOnly() {
        accounting = DemoLeads.productId(jdbc, "CLOUD-ACC");
        sfa = DemoLeads.productId(jdbc, "SFA-CLOUD");
        key = apiKeys.issue("CRM test", List.of(accounting), null).secret();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private MockHttpServletRequestBuilder postJson(String path, String body) {
        return post(path).header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private JsonNode body(MockHttpServletResponse response) throws Exception {
        return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private String lead(String email) {
        return """
                {"person": {"email": "%s", "fullName": "山田 太郎", "jobTitle": "経理部長", "phone": "03-1234-5678"},
                 "company": {"name": "株式会社API%s", "prefecture": "東京都", "industry": "FINANCE"},
                 "lead": {"channel": "WEBINAR", "sourceDetail": "Webinar 2026-12", "expectedUsers": 30}}"""
                .formatted(email, tag);
    }

    @Test
    void requestsWithoutAValidKeyAreRefusedWith401ProblemDetails() throws Exception {
        MockHttpServletResponse missing = call(get("/api/v1/products/" + accounting + "/leads"));
        assertThat(missing.getStatus()).isEqualTo(401);
        assertThat(missing.getContentType()).startsWith("application/problem+json");
        assertThat(body(missing).get("code").asString()).isEqualTo("unauthorized");

        assertThat(call(get("/api/v1/products/" + accounting + "/leads").header("X-API-Key", "lnk_wrong"))
                .getStatus()).isEqualTo(401);

        ApiKeys.Issued revoked = apiKeys.issue("old CRM", List.of(accounting), null);
        assertThat(call(get("/api/v1/products/" + accounting + "/leads").header("X-API-Key", revoked.secret()))
                .getStatus()).isEqualTo(200);
        apiKeys.revoke(revoked.id(), null);
        assertThat(call(get("/api/v1/products/" + accounting + "/leads").header("X-API-Key", revoked.secret()))
                .getStatus()).isEqualTo(401);

        // Only the hash is stored; no session is created for an API call.
        assertThat(jdbc.sql("select count(*) from api_key where secret_hash = ? or hint = ?")
                .params(revoked.secret(), revoked.secret()).query(Long.class).single()).isZero();
        MockHttpServletResponse ok = call(get("/api/v1/products/" + accounting + "/leads").header("X-API-Key", key));
        assertThat(ok.getHeader("Set-Cookie")).isNull();
    }

    @Test
    void aLeadIsCreatedOnceWhateverTheRetriesAndAReusedKeyWithAnotherBodyIsRefused() throws Exception {
        String email = "api." + tag + "@example.jp";
        String idempotencyKey = UUID.randomUUID().toString();
        MockHttpServletResponse first = call(postJson("/api/v1/products/" + accounting + "/leads", lead(email))
                .header("Idempotency-Key", idempotencyKey));
        assertThat(first.getStatus()).isEqualTo(201);
        JsonNode created = body(first);
        assertThat(created.get("outcome").asString()).isEqualTo("CREATED");
        long leadId = created.get("lead").get("id").asLong();
        assertThat(first.getHeader("Location")).isEqualTo("/api/v1/leads/" + leadId);
        assertThat(created.get("lead").get("stage").asString()).isEqualTo("NEW_LEAD");
        assertThat(created.get("lead").get("channel").asString()).isEqualTo("WEBINAR");
        assertThat(created.get("lead").get("company").get("prefecture").asString()).isEqualTo("TOKYO");

        MockHttpServletResponse replay = call(postJson("/api/v1/products/" + accounting + "/leads", lead(email))
                .header("Idempotency-Key", idempotencyKey));
        assertThat(replay.getStatus()).isEqualTo(201);
        assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(first.getContentAsString(StandardCharsets.UTF_8));
        assertThat(jdbc.sql("select count(*) from person where email = ?").param(email).query(Long.class).single())
                .isEqualTo(1);

        MockHttpServletResponse reused = call(postJson("/api/v1/products/" + accounting + "/leads",
                lead("other." + email)).header("Idempotency-Key", idempotencyKey).header("Accept-Language", "en"));
        assertThat(reused.getStatus()).isEqualTo(422);
        assertThat(body(reused).get("code").asString()).isEqualTo("idempotencyReused");
        assertThat(body(reused).get("detail").asString()).contains("different request");
        assertThat(jdbc.sql("select count(*) from person where email = ?").param("other." + email)
                .query(Long.class).single()).isZero();

        // Without a key the capture still deduplicates: same person (address in full width), same lead.
        MockHttpServletResponse again = call(postJson("/api/v1/products/" + accounting + "/leads",
                lead(email.toUpperCase().replace("@", "＠"))
                        .replace("\"expectedUsers\": 30", "\"expectedUsers\": 30, \"plannedAdoptionDate\": \"2027-04-01\"")));
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(body(again).get("outcome").asString()).isEqualTo("UPDATED");
        assertThat(body(again).get("lead").get("id").asLong()).isEqualTo(leadId);
        assertThat(body(again).get("lead").get("plannedAdoptionDate").asString()).isEqualTo("2027-04-01");
    }

    @Test
    void aKeyReachesOnlyItsProducts() throws Exception {
        long otherLead = DemoLeads.anyLeadIn(jdbc, "NEW_LEAD");
        otherLead = jdbc.sql("select id from lead where product_id = ? order by id limit 1").param(sfa)
                .query(Long.class).single();
        assertThat(call(get("/api/v1/leads/" + otherLead).header("X-API-Key", key)).getStatus()).isEqualTo(404);
        assertThat(call(get("/api/v1/products/" + sfa + "/leads").header("X-API-Key", key)).getStatus())
                .isEqualTo(404);
        assertThat(call(postJson("/api/v1/products/" + sfa + "/leads", lead("x." + tag + "@example.jp")))
                .getStatus()).isEqualTo(404);
        assertThat(call(postJson("/api/v1/leads/" + otherLead + "/activities", "{\"type\": \"PAGE_VIEWED\"}"))
                .getStatus()).isEqualTo(404);
        assertThat(call(get("/api/v1/products/999999999/leads").header("X-API-Key", key)).getStatus())
                .isEqualTo(404);

        long ownLead = jdbc.sql("select id from lead where product_id = ? order by id limit 1").param(accounting)
                .query(Long.class).single();
        JsonNode detail = body(call(get("/api/v1/leads/" + ownLead).header("X-API-Key", key)));
        assertThat(detail.get("lead").get("productId").asLong()).isEqualTo(accounting);

        JsonNode page = body(call(get("/api/v1/products/" + accounting + "/leads?size=5").header("X-API-Key", key)));
        assertThat(page.get("items")).hasSize(5);
        long next = page.get("next").asLong();
        JsonNode second = body(call(get("/api/v1/products/" + accounting + "/leads?size=5&before=" + next)
                .header("X-API-Key", key)));
        assertThat(second.get("items").get(0).get("id").asLong()).isLessThan(next);
    }

    @Test
    void badInputGetsProblemDetailsWithFieldPathsInTheCallersLanguage() throws Exception {
        String path = "/api/v1/products/" + accounting + "/leads";
        JsonNode badEmail = body(call(postJson(path, lead("not-an-address")).header("Accept-Language", "ja")));
        assertThat(badEmail.get("status").asInt()).isEqualTo(422);
        assertThat(badEmail.get("errors").get(0).get("field").asString()).isEqualTo("person.email");
        assertThat(badEmail.get("errors").get(0).get("message").asString()).contains("メールアドレス");
        JsonNode badEmailEn = body(call(postJson(path, lead("not-an-address")).header("Accept-Language", "en-US")));
        assertThat(badEmailEn.get("errors").get(0).get("message").asString()).contains("email address");

        JsonNode wrongType = body(call(postJson(path, lead("t." + tag + "@example.jp")
                .replace("\"expectedUsers\": 30", "\"expectedUsers\": \"many\""))));
        assertThat(wrongType.get("status").asInt()).isEqualTo(422);
        assertThat(wrongType.get("errors").get(0).get("field").asString()).isEqualTo("lead.expectedUsers");

        JsonNode unknownField = body(call(postJson(path, "{\"person\": {\"emial\": \"a@b.jp\"}}")));
        assertThat(unknownField.get("errors").get(0).get("field").asString()).isEqualTo("person.emial");
        assertThat(unknownField.get("errors").get(0).get("code").asString()).isEqualTo("unknown");

        JsonNode noPerson = body(call(postJson(path, "{\"company\": {\"name\": \"x\"}}")));
        assertThat(noPerson.get("errors").get(0).get("field").asString()).isEqualTo("person");

        JsonNode prefecture = body(call(postJson(path, lead("p." + tag + "@example.jp").replace("東京都", "Atlantis"))));
        assertThat(prefecture.get("errors").get(0).get("field").asString()).isEqualTo("company.prefecture");

        customFields.define(accounting, "budget_" + tag, "予算", CustomFieldType.NUMBER, List.of());
        String withCustom = lead("c." + tag + "@example.jp")
                .replace("\"expectedUsers\": 30", "\"custom\": {\"budget_" + tag + "\": \"たくさん\"}");
        JsonNode badCustom = body(call(postJson(path, withCustom)));
        assertThat(badCustom.get("errors").get(0).get("field").asString()).isEqualTo("lead.custom.budget_" + tag);
        assertThat(badCustom.get("errors").get(0).get("code").asString()).isEqualTo("number");
        JsonNode unknownCustom = body(call(postJson(path, withCustom.replace("budget_", "nosuch_"))));
        assertThat(unknownCustom.get("errors").get(0).get("field").asString()).isEqualTo("lead.custom.nosuch_" + tag);
        MockHttpServletResponse goodCustom = call(postJson(path, withCustom.replace("\"たくさん\"", "1200000")));
        assertThat(goodCustom.getStatus()).isEqualTo(201);
        assertThat(body(goodCustom).get("lead").get("custom").get("budget_" + tag).asLong()).isEqualTo(1200000);

        MockHttpServletResponse malformed = call(postJson(path, "{\"person\": {"));
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(body(malformed).get("code").asString()).isEqualTo("malformed");
        assertThat(call(postJson(path, "")).getStatus()).isEqualTo(400);
        assertThat(call(postJson(path, "[1, 2]")).getStatus()).isEqualTo(422);
        assertThat(call(postJson("/api/v1/products/abc/leads", lead("a." + tag + "@example.jp"))).getStatus())
                .isEqualTo(400);
        MockHttpServletResponse notJson = call(post(path).header("X-API-Key", key)
                .contentType(MediaType.TEXT_PLAIN).content("hi"));
        assertThat(notJson.getStatus()).isEqualTo(415);
        assertThat(notJson.getContentType()).startsWith("application/problem+json");
        MockHttpServletResponse nowhere = call(get("/api/v1/nothing-here").header("X-API-Key", key)
                .header("Accept-Language", "en"));
        assertThat(nowhere.getStatus()).isEqualTo(404);
        assertThat(body(nowhere).get("title").asString()).isEqualTo("Not found");
        MockHttpServletResponse wrongMethod = call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .delete("/api/v1/leads/1").header("X-API-Key", key));
        assertThat(wrongMethod.getStatus()).isEqualTo(405);
        assertThat(body(wrongMethod).get("title").asString()).isEqualTo("許可されていないメソッド");
        String huge = lead("h." + tag + "@example.jp").replace("Webinar 2026-12", "x".repeat(70_000));
        MockHttpServletResponse tooLarge = call(postJson(path, huge));
        assertThat(tooLarge.getStatus()).isEqualTo(413);
        assertThat(tooLarge.getContentType()).startsWith("application/problem+json");
        assertThat(call(get("/api/v1/products/" + accounting + "/leads?size=1000").header("X-API-Key", key))
                .getStatus()).isEqualTo(400);
    }

    @Test
    void anActivityReportedThroughTheApiIsOnTheTimelineAndRescoresTheLead() throws Exception {
        MockHttpServletResponse created = call(postJson("/api/v1/products/" + accounting + "/leads",
                lead("act." + tag + "@example.jp").replace("\"lead\":", "\"activityType\": \"NOTE\", \"lead\":")));
        long leadId = body(created).get("lead").get("id").asLong();
        awaitEngagement(leadId, 0);

        MockHttpServletResponse activity = call(postJson("/api/v1/leads/" + leadId + "/activities",
                "{\"type\": \"DOCUMENT_DOWNLOADED\", \"detail\": {\"url\": \"/docs/cost-reduction.pdf\"}}")
                .header("Idempotency-Key", "dl-" + tag));
        assertThat(activity.getStatus()).isEqualTo(201);
        assertThat(body(activity).get("type").asString()).isEqualTo("DOCUMENT_DOWNLOADED");
        assertThat(call(postJson("/api/v1/leads/" + leadId + "/activities",
                "{\"type\": \"DOCUMENT_DOWNLOADED\", \"detail\": {\"url\": \"/docs/cost-reduction.pdf\"}}")
                .header("Idempotency-Key", "dl-" + tag)).getStatus()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from activity where lead_id = ? and type = 'DOCUMENT_DOWNLOADED'")
                .param(leadId).query(Long.class).single()).isEqualTo(1);

        int engagement = awaitEngagementAbove(leadId, 0);
        assertThat(engagement).isPositive();

        JsonNode detail = body(call(get("/api/v1/leads/" + leadId + "?activitiesSize=1").header("X-API-Key", key)));
        assertThat(detail.get("activities").get("items").get(0).get("type").asString())
                .isEqualTo("DOCUMENT_DOWNLOADED");
        long next = detail.get("activities").get("next").asLong();
        JsonNode older = body(call(get("/api/v1/leads/" + leadId + "?activitiesSize=1&activitiesBefore=" + next)
                .header("X-API-Key", key)));
        assertThat(older.get("activities").get("items").get(0).get("type").asString()).isEqualTo("NOTE");
        assertThat(detail.get("lead").get("score").asInt()).isGreaterThanOrEqualTo(engagement);

        JsonNode refused = body(call(postJson("/api/v1/leads/" + leadId + "/activities",
                "{\"type\": \"BECAME_HOT\"}")));
        assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("type");
        JsonNode future = body(call(postJson("/api/v1/leads/" + leadId + "/activities",
                "{\"type\": \"CALL\", \"occurredAt\": \"2099-01-01T00:00:00Z\"}")));
        assertThat(future.get("errors").get(0).get("field").asString()).isEqualTo("occurredAt");
    }

    private void awaitEngagement(long leadId, int expected) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(until) && engagement(leadId) != expected) {
            Thread.sleep(100);
        }
    }

    private int awaitEngagementAbove(long leadId, int floor) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        int value = engagement(leadId);
        while (Instant.now().isBefore(until) && value <= floor) {
            Thread.sleep(100);
            value = engagement(leadId);
        }
        return value;
    }

    private int engagement(long leadId) {
        return jdbc.sql("select engagement_score from lead where id = ?").param(leadId).query(Integer.class).single();
    }

    @Test
    void theOpenApiDocumentDescribesTheApiAndItsKeyHeader() throws Exception {
        MockHttpServletResponse docs = call(get("/v3/api-docs"));
        assertThat(docs.getStatus()).isEqualTo(200);
        String text = docs.getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).contains("/api/v1/products/{productId}/leads", "/api/v1/leads/{leadId}/activities",
                "X-API-Key", "Idempotency-Key", "LeadInput", "application/problem+json");
        assertThat(text).doesNotContain("\"/admin/", "\"/leads");
        MockHttpServletResponse ui = call(get("/swagger-ui/index.html"));
        assertThat(ui.getStatus()).isEqualTo(200);
    }
}
