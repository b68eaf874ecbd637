package jp.nurture.leads.web.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.party.Industry;
import jp.nurture.leads.core.party.Prefecture;
import jp.nurture.leads.core.segment.SegmentField;
import jp.nurture.leads.core.segment.SegmentOperator;
import jp.nurture.leads.core.tracking.HitBuffer;
import jp.nurture.leads.core.tracking.TrackedLinks;
import jp.nurture.leads.core.tracking.VisitorIdentity;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import jp.nurture.leads.web.routing.RoutingFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Hundreds of generated hostile requests against the tracking endpoints, the segment builder and the lead edit
 * form: no answer is a 500 (a refusal is a 4xx or the page with its error), nothing is rendered unescaped, and a
 * valid request among them still does its work. The generator's seed is printed with any failure.
 */
@LeadsWebTest
class HostileInputTest {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired HitBuffer buffer;
    @Autowired TrackedLinks links;
    @Autowired VisitorIdentity identity;
    @Autowired RoutingFixtures fixtures;
    @Autowired UserDetailsService users;

    private final List<String> failures = new ArrayList<>();

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, String what) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        if (response.getStatus() >= 500) {
            failures.add(response.getStatus() + " for " + what.substring(0, Math.min(300, what.length())));
        }
        if (response.getContentAsString().contains(HostileText.SCRIPT)) {
            failures.add("unescaped script in the answer to " + what.substring(0, Math.min(300, what.length())));
        }
        return response;
    }

    private void assertNoFailures() {
        assertThat(failures).as("seed %d (-Dhostile.seed=%d reproduces)", HostileText.SEED, HostileText.SEED)
                .isEmpty();
    }

    private MockHttpServletRequestBuilder as(String username, MockHttpServletRequestBuilder request) {
        return request.with(user(users.loadUserByUsername(username))).with(csrf());
    }

    @Test
    void pageViewsWithHostileFieldsAreRefusedOrStoredAndShownEscapedOnTheTimeline() throws Exception {
        HostileText hostile = new HostileText(1);
        long product = DemoLeads.productId(jdbc, "CLOUD-ACC");
        long lead = fixtures.lead("CLOUD-ACC", Prefecture.TOKYO, Industry.IT, null, Stage.NEW_LEAD);
        UUID visitor = UUID.randomUUID();
        identity.identify(visitor, lead);
        int accepted = 0;
        for (int i = 0; i < 300; i++) {
            String v = hostile.validOr(visitor.toString());
            String p = hostile.validOr(String.valueOf(product));
            String u = hostile.validOr("https://acc.example.jp/hostile/" + i) + (i % 3 == 0 ? "?utm_source="
                    + hostile.next() : "");
            MockHttpServletRequestBuilder hit = post("/t/hit").header("User-Agent", BROWSER)
                    .header("Referer", hostile.next()).param("v", v).param("p", p).param("u", u)
                    .param("t", hostile.next()).param("r", hostile.next())
                    .param(hostile.next(), hostile.next())
                    .with(r -> {
                        r.setRemoteAddr(hostile.address());
                        return r;
                    });
            int status = send(hit, "hit v=" + v + " p=" + p + " u=" + u).getStatus();
            if (status == 204) {
                accepted++;
            } else if (status != 400) {
                failures.add(status + " for a page view");
            }
        }
        // And one ordinary view with script in every text field, which must be kept and shown escaped.
        send(post("/t/hit").header("User-Agent", BROWSER).param("v", visitor.toString())
                .param("p", String.valueOf(product)).param("u", "https://acc.example.jp/p?utm_campaign="
                        + HostileText.SCRIPT).param("t", HostileText.SCRIPT).param("r", HostileText.SCRIPT), "plain");
        buffer.flush();
        long stored = jdbc.sql("select count(*) from activity where lead_id = ? and type = 'PAGE_VIEWED'")
                .param(lead).query(Long.class).single();
        // NUL and broken surrogate pairs included: each accepted view is stored, none dropped as unstorable.
        assertThat(stored).as("every accepted page view of the identified visitor is stored")
                .isEqualTo(accepted + 1L);
        String page = send(as("marketer", get("/leads/{id}", lead)), "timeline").getContentAsString();
        assertThat(page).contains("utm_campaign=&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertNoFailures();
    }

    @Test
    void emptyTruncatedTamperedOrGarbageLinkTokensAreRefusedNeverFail() throws Exception {
        HostileText hostile = new HostileText(2);
        long lead = DemoLeads.anyLeadIn(jdbc, "NEW_LEAD");
        String genuine = links.sign(lead, "https://acc.example.jp/case");
        for (int i = 0; i < 300; i++) {
            String token = switch (hostile.nextInt(4)) {
                case 0 -> genuine.substring(0, hostile.nextInt(genuine.length()));
                case 1 -> {
                    char[] chars = genuine.toCharArray();
                    int at = hostile.nextInt(chars.length);
                    chars[at] = chars[at] == 'A' ? 'B' : 'A';
                    yield new String(chars);
                }
                case 2 -> genuine + hostile.next();
                default -> hostile.next();
            };
            if (token.isEmpty() || sameBytes(token, genuine)) {
                // A changed last character may only touch base64's unused bits: still the genuine token.
                continue;
            }
            MockHttpServletRequestBuilder click = get("/t/c/{token}", token).header("User-Agent", BROWSER)
                    .with(r -> {
                        r.setRemoteAddr(hostile.address());
                        return r;
                    });
            int status = send(click, "token " + token).getStatus();
            if (status < 400 || status >= 500) {
                failures.add(status + " for token " + token);
            }
        }
        assertThat(send(get("/t/c/{token}", genuine).header("User-Agent", BROWSER), "genuine").getStatus())
                .isEqualTo(302);
        assertNoFailures();
    }

    private static boolean sameBytes(String token, String genuine) {
        String[] a = token.split("\\.", -1);
        String[] b = genuine.split("\\.", -1);
        if (a.length != 2) {
            return false;
        }
        try {
            java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();
            return java.util.Arrays.equals(decoder.decode(a[0]), decoder.decode(b[0]))
                    && java.util.Arrays.equals(decoder.decode(a[1]), decoder.decode(b[1]));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void segmentConditionsWithUnknownNamesOperatorsOrHostileValuesNeverFail() throws Exception {
        HostileText hostile = new HostileText(3);
        List<String> fields = new ArrayList<>(Arrays.stream(SegmentField.values()).map(Enum::name).toList());
        List<String> operators = new ArrayList<>(Arrays.stream(SegmentOperator.values()).map(Enum::name).toList());
        List<String> kinds = List.of("group", "field", "activity", "inactive", "custom", "consent", "not");
        for (int i = 0; i < 200; i++) {
            MockHttpServletRequestBuilder request = as("marketer", post(i % 4 == 0 ? "/segments/builder"
                    : "/segments/count")).header("HX-Request", "true")
                    .param("n.0.kind", "group").param("n.0.junction", hostile.validOr("ALL"));
            StringBuilder what = new StringBuilder("segment");
            for (int c = 0; c < 1 + hostile.nextInt(3); c++) {
                String node = "n.0." + c;
                String field = hostile.nextInt(3) == 0 ? hostile.next() : hostile.pick(fields);
                String operator = hostile.nextInt(3) == 0 ? hostile.next() : hostile.pick(operators);
                String value = hostile.next();
                request.param(node + ".kind", hostile.validOr(hostile.pick(kinds)))
                        .param(node + ".field", field).param(node + ".operator", operator)
                        .param(node + ".value", value).param(node + ".activityType", hostile.validOr("PAGE_VIEWED"))
                        .param(node + ".atLeast", hostile.validOr("2")).param(node + ".days", hostile.validOr("30"))
                        .param(node + ".window", hostile.validOr("LAST_DAYS")).param(node + ".topic", hostile.next())
                        .param(node + ".url", hostile.next());
                what.append(' ').append(field).append(' ').append(operator).append(' ').append(value);
            }
            if (i % 4 == 0) {
                request.param("action", hostile.validOr("add:0:field"));
            }
            send(request, what.toString());
        }
        assertNoFailures();
    }

    @Test
    void leadEditsWithHostileValuesAreRefusedOrSavedAndRenderedEscaped() throws Exception {
        HostileText hostile = new HostileText(4);
        long lead = fixtures.lead("CLOUD-ACC", Prefecture.OSAKA, Industry.RETAIL, null, Stage.NEW_LEAD);
        String[] texts = {"fullName", "kana", "email", "phone", "department", "jobTitle", "budgetYen", "budgetNote",
                "need", "plannedAdoptionDate", "expectedUsers", "placeOfUse"};
        String[] choices = {"titleLevel", "authority", "timeframe", "ownerId", "version"};
        for (int i = 0; i < 120; i++) {
            MockHttpServletRequestBuilder edit = as("inside", post("/leads/{id}/edit", lead))
                    .param("version", String.valueOf(DemoLeads.version(jdbc, lead)));
            for (String field : texts) {
                if (hostile.nextInt(3) > 0) {
                    edit.param(field, hostile.next());
                }
            }
            String choice = hostile.pick(Arrays.asList(choices));
            edit.param(choice, hostile.next());
            // Fields no form has: never bound to the lead.
            edit.param("stage", "CONVERTED").param("score", "999").param("productId", "1").param("id", "1");
            send(edit, "lead edit " + choice);
        }
        assertThat(DemoLeads.stage(jdbc, lead)).isEqualTo("NEW_LEAD");
        // A valid edit whose text is markup is saved as text and shown escaped.
        send(as("inside", post("/leads/{id}/edit", lead)).param("version", String.valueOf(DemoLeads.version(jdbc,
                lead))).param("fullName", "試験 " + HostileText.SCRIPT).param("need", HostileText.SCRIPT), "valid");
        assertThat(jdbc.sql("select need from lead where id = ?").param(lead).query(String.class).single())
                .isEqualTo(HostileText.SCRIPT);
        assertThat(send(as("marketer", get("/leads/{id}", lead)), "lead page").getContentAsString())
                .contains("&lt;script&gt;");
        assertNoFailures();
    }
}
