package jp.nurture.leads.web.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityRecorded;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.tracking.AnonymousRetention;
import jp.nurture.leads.core.tracking.HitBuffer;
import jp.nurture.leads.core.tracking.TopicRules;
import jp.nurture.leads.core.tracking.TrackedLinks;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The public tracking endpoints: page views, tracked link clicks, privacy signals and damaged links. */
@LeadsWebTest
@RecordApplicationEvents
class TrackingEndpointsTest {

    static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0 Safari/537.36";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired HitBuffer buffer;
    @Autowired TrackedLinks links;
    @Autowired TopicRules topics;
    @Autowired AnonymousRetention retention;
    @Autowired ApplicationEvents events;

    long product;

    @BeforeEach
    void site() {
        product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        topics.add(product, "/t-test/pricing*", "価格テスト");
    }

    private MockHttpServletRequestBuilder hit(UUID visitor, String url) {
        return hit(visitor.toString(), String.valueOf(product), url);
    }

    private MockHttpServletRequestBuilder hit(String visitor, String site, String url) {
        return post("/t/hit").header("User-Agent", BROWSER).param("v", visitor).param("p", site).param("u", url)
                .param("t", "料金").param("r", "https://search.example/");
    }

    private long anonymousViews(UUID visitor) {
        return jdbc.sql("select count(*) from anonymous_page_view where visitor_id = ?").param(visitor)
                .query(Long.class).single();
    }

    private long leadViews(long lead, UUID visitor) {
        return jdbc.sql("select count(*) from activity where lead_id = ? and type = 'PAGE_VIEWED' and detail->>'visitor' = ?")
                .params(lead, visitor.toString()).query(Long.class).single();
    }

    @Test
    void anAnonymousPageViewIsStoredWithItsTopics() throws Exception {
        UUID visitor = UUID.randomUUID();
        mvc.perform(hit(visitor, "https://acc.example.jp/t-test/pricing?plan=a")).andExpect(status().isNoContent());
        buffer.flush();
        String detail = jdbc.sql("select detail::text from anonymous_page_view where visitor_id = ?").param(visitor)
                .query(String.class).single();
        assertThat(detail).contains("\"url\": \"https://acc.example.jp/t-test/pricing?plan=a\"", "価格テスト",
                "\"title\": \"料金\"", "search.example");
    }

    @Test
    void doNotTrackGlobalPrivacyControlOptOutAndRobotsAreNotCounted() throws Exception {
        UUID visitor = UUID.randomUUID();
        mvc.perform(hit(visitor, "/a").header("DNT", "1")).andExpect(status().isNoContent());
        mvc.perform(hit(visitor, "/b").header("Sec-GPC", "1")).andExpect(status().isNoContent());
        mvc.perform(hit(visitor, "/c").cookie(new Cookie("_nv_optout", "1"))).andExpect(status().isNoContent());
        mvc.perform(hit(visitor, "/d").header("User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)"))
                .andExpect(status().isNoContent());
        buffer.flush();
        assertThat(anonymousViews(visitor)).isZero();
    }

    @Test
    void malformedHitsAreRefusedWith400() throws Exception {
        String visitor = UUID.randomUUID().toString();
        String site = String.valueOf(product);
        mvc.perform(hit("not-a-uuid", site, "/a")).andExpect(status().isBadRequest());
        mvc.perform(hit(visitor, "999999999", "/a")).andExpect(status().isBadRequest());
        mvc.perform(hit(visitor, "x", "/a")).andExpect(status().isBadRequest());
        mvc.perform(hit(visitor, site, " ")).andExpect(status().isBadRequest());
        mvc.perform(post("/t/hit").header("User-Agent", BROWSER)).andExpect(status().isBadRequest());
    }

    @Test
    void aClickIdentifiesTheVisitorAndAttachesTheirEarlierViews() throws Exception {
        long lead = DemoLeads.leadIn(jdbc, "CLOUD-ACC", "NEW_LEAD", 3);
        UUID visitor = UUID.randomUUID();
        mvc.perform(hit(visitor, "/t-test/pricing")).andExpect(status().isNoContent());
        mvc.perform(hit(visitor, "/t-test/features")).andExpect(status().isNoContent());
        buffer.flush();
        assertThat(anonymousViews(visitor)).isEqualTo(2);

        String token = links.sign(lead, "https://acc.example.jp/lp/spring?utm_source=mail");
        MvcResult click = mvc.perform(get("/t/c/" + token).header("User-Agent", BROWSER)
                        .cookie(new Cookie("_nv", visitor.toString())))
                .andExpect(status().isFound())
                .andExpect(cookie().value("_nv", visitor.toString()))
                .andReturn();
        assertThat(click.getResponse().getRedirectedUrl())
                .isEqualTo("https://acc.example.jp/lp/spring?utm_source=mail&_nv=" + visitor);
        assertThat(anonymousViews(visitor)).isZero();
        assertThat(leadViews(lead, visitor)).isEqualTo(2);
        assertThat(events.stream(ActivityRecorded.class)
                .filter(e -> e.leadId() == lead && e.type() == ActivityType.PAGE_VIEWED)).hasSize(2);

        mvc.perform(hit(visitor, "/t-test/pricing/enterprise")).andExpect(status().isNoContent());
        buffer.flush();
        assertThat(leadViews(lead, visitor)).isEqualTo(3);
        assertThat(anonymousViews(visitor)).isZero();
    }

    @Test
    void aClickWithoutCookieStartsANewVisitor() throws Exception {
        long lead = DemoLeads.leadIn(jdbc, "CLOUD-ACC", "NEW_LEAD", 4);
        MvcResult click = mvc.perform(get("/t/c/" + links.sign(lead, "https://acc.example.jp/"))
                .header("User-Agent", BROWSER)).andExpect(status().isFound()).andReturn();
        String visitor = click.getResponse().getCookie("_nv").getValue();
        assertThat(click.getResponse().getRedirectedUrl()).isEqualTo("https://acc.example.jp/?_nv=" + visitor);
        assertThat(jdbc.sql("select lead_id from visitor where id = ?::uuid").param(visitor).query(Long.class).single())
                .isEqualTo(lead);
    }

    @Test
    void aRobotOrDoNotTrackClickLandsWithoutIdentifying() throws Exception {
        long lead = DemoLeads.leadIn(jdbc, "CLOUD-ACC", "NEW_LEAD", 5);
        String token = links.sign(lead, "https://acc.example.jp/x");
        MvcResult scanner = mvc.perform(get("/t/c/" + token).header("User-Agent", "Barracuda link scanner bot/1.0"))
                .andExpect(status().isFound()).andReturn();
        assertThat(scanner.getResponse().getRedirectedUrl()).isEqualTo("https://acc.example.jp/x");
        assertThat(scanner.getResponse().getCookie("_nv")).isNull();
        MvcResult dnt = mvc.perform(get("/t/c/" + token).header("User-Agent", BROWSER).header("DNT", "1"))
                .andExpect(status().isFound()).andReturn();
        assertThat(dnt.getResponse().getCookie("_nv")).isNull();
    }

    @Test
    void damagedLinksGetASafeErrorPageAndNeverRedirectElsewhere() throws Exception {
        long lead = DemoLeads.leadIn(jdbc, "CLOUD-ACC", "NEW_LEAD", 6);
        String token = links.sign(lead, "https://acc.example.jp/");
        String signature = token.substring(token.indexOf('.'));
        String elsewhere = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("1|" + lead + "|https://evil.example/").getBytes(StandardCharsets.UTF_8)) + signature;
        for (String bad : new String[] {token.substring(0, token.length() - 4), token + "x", elsewhere, "x.y",
            "a".repeat(5000)}) {
            mvc.perform(get("/t/c/" + bad).header("User-Agent", BROWSER)).andExpect(status().isBadRequest())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("このリンクは無効です")));
        }
        mvc.perform(get("/t/c/").header("User-Agent", BROWSER)).andExpect(status().is4xxClientError());
        // A link whose lead was deleted meanwhile is treated like a damaged one, not a 500.
        mvc.perform(get("/t/c/" + links.sign(Long.MAX_VALUE, "https://acc.example.jp/")).header("User-Agent", BROWSER))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theOptOutPageSetsTheOptOutCookie() throws Exception {
        mvc.perform(get("/t/opt-out")).andExpect(status().isOk()).andExpect(cookie().value("_nv_optout", "1"));
    }

    @Test
    void anonymousViewsOlderThanTheRetentionAreDeleted() throws Exception {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        jdbc.sql("""
                insert into anonymous_page_view (visitor_id, product_id, occurred_at, detail)
                values (?, ?, now() - interval '91 days', '{}'), (?, ?, now() - interval '89 days', '{}')""")
                .params(old, product, recent, product).update();
        assertThat(retention.purge()).isGreaterThanOrEqualTo(1);
        assertThat(anonymousViews(old)).isZero();
        assertThat(anonymousViews(recent)).isEqualTo(1);
    }
}
