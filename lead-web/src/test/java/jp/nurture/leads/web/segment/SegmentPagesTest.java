package jp.nurture.leads.web.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jp.nurture.leads.core.product.ProductScope;
import java.util.List;
import jp.nurture.leads.core.segment.Condition;
import jp.nurture.leads.core.segment.SegmentField;
import jp.nurture.leads.core.segment.SegmentOperator;
import jp.nurture.leads.core.segment.Segments;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The builder's htmx endpoints, saving with errors in Japanese, and the CSV download. */
@LeadsWebTest
class SegmentPagesTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired Segments segments;
    @Autowired UserDetailsService users;

    private MockHttpServletRequestBuilder asMarketer(MockHttpServletRequestBuilder request) {
        return request.with(user(users.loadUserByUsername("marketer"))).with(csrf());
    }

    private MockHttpServletRequestBuilder topicSegment(String path, long product) {
        return topicSegment(path, product, "LEAD_PRODUCT", "90");
    }

    private MockHttpServletRequestBuilder topicSegment(String path, long product, String field, String days) {
        return asMarketer(post(path))
                .param("n.0.kind", "group").param("n.0.junction", "ALL")
                .param("n.0.0.kind", "field").param("n.0.0.field", field).param("n.0.0.operator", "EQUALS")
                .param("n.0.0.value", String.valueOf(product))
                .param("n.0.1.kind", "activity").param("n.0.1.activityType", "PAGE_VIEWED").param("n.0.1.atLeast", "5")
                .param("n.0.1.window", "LAST_DAYS").param("n.0.1.days", days).param("n.0.1.topic", "製品");
    }

    @Test
    void theLiveCountIsTheCountOfTheConditionsAsPosted() throws Exception {
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        long expected = segments.count(Segments.topicReader(product, "製品"), ProductScope.all());
        mvc.perform(topicSegment("/segments/count", product).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"count-value\">" + expected + "<")));
    }

    @Test
    void anIncompleteConditionExplainsItselfInsteadOfCounting() throws Exception {
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        mvc.perform(topicSegment("/segments/count", product, "LEAD_PRODUCT", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("日数は 1 から 36500 の間で入力してください。")));
        mvc.perform(topicSegment("/segments/count", product, "NO_SUCH_FIELD", "90"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("すべての条件を入力してください。")));
    }

    @Test
    void builderActionsAddAndRemoveConditions() throws Exception {
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        String added = mvc.perform(topicSegment("/segments/builder", product).param("action", "add:0:inactive"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(added).contains("name=\"n.0.2.days\"").contains("id=\"builder\"");
        String removed = mvc.perform(topicSegment("/segments/builder", product).param("action", "remove:0.0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(removed).doesNotContain("n.0.1.kind").contains("value=\"PAGE_VIEWED\" selected");
    }

    @Test
    void customFieldAndConsentConditionsAreBuiltAndCountedFromTheForm() throws Exception {
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        String added = mvc.perform(topicSegment("/segments/builder", product).param("action", "add:0:custom"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(added).contains("name=\"n.0.2.key\"");
        added = mvc.perform(topicSegment("/segments/builder", product).param("action", "add:0:consent"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(added).contains("name=\"n.0.2.emailType\"").contains("ニュースレター");

        Condition expected = new Condition.Group(Condition.Junction.ALL, List.of(
                new Condition.FieldIs(SegmentField.LEAD_PRODUCT, SegmentOperator.EQUALS, String.valueOf(product)),
                new Condition.Consent("NEWSLETTER", true)));
        long count = segments.count(expected, ProductScope.all());
        assertThat(count).isPositive();
        mvc.perform(asMarketer(post("/segments/count")).header("HX-Request", "true")
                        .param("n.0.kind", "group").param("n.0.junction", "ALL")
                        .param("n.0.0.kind", "field").param("n.0.0.field", "LEAD_PRODUCT").param("n.0.0.operator", "EQUALS")
                        .param("n.0.0.value", String.valueOf(product))
                        .param("n.0.1.kind", "consent").param("n.0.1.operator", "IS_TRUE").param("n.0.1.emailType", "NEWSLETTER"))
                .andExpect(content().string(containsString("id=\"count-value\">" + count + "<")));
        mvc.perform(asMarketer(post("/segments/count")).header("HX-Request", "true")
                        .param("n.0.kind", "group").param("n.0.junction", "ALL")
                        .param("n.0.0.kind", "custom").param("n.0.0.key", "x' or 1=1 --").param("n.0.0.operator", "EQUALS")
                        .param("n.0.0.value", "1"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("カスタム項目のキーまたは条件が正しくありません。")));
    }

    @Test
    void savingNeedsANameAndThenRedirectsToTheSegment() throws Exception {
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        mvc.perform(topicSegment("/segments", product).param("name", " "))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("セグメントに名前を付けてください。")));
        MvcResult saved = mvc.perform(topicSegment("/segments", product).param("name", "製品ページ 5回"))
                .andExpect(status().isFound()).andReturn();
        String location = saved.getResponse().getRedirectedUrl();
        assertThat(location).matches("/segments/\\d+");
        mvc.perform(asMarketer(get(location))).andExpect(status().isOk())
                .andExpect(content().string(containsString("製品ページ 5回")));
        mvc.perform(asMarketer(get(location + "/export")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("text/csv")))
                .andExpect(header().string("Content-Disposition", containsString("attachment")));
        mvc.perform(asMarketer(get(location + "/export").param("encoding", "sjis")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("windows-31j")));
        mvc.perform(asMarketer(get(location + "/export").param("encoding", "ebcdic"))).andExpect(status().isBadRequest());
        mvc.perform(asMarketer(get("/segments/999999999"))).andExpect(status().isNotFound());
    }
}
