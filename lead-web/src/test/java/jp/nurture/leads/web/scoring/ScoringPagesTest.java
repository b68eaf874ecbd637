package jp.nurture.leads.web.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The marketer's model page, the calibration page and the explanation on the lead page, through MockMvc. */
@LeadsWebTest
class ScoringPagesTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;
    @Autowired jp.nurture.leads.core.product.ProductCatalog catalog;
    @Autowired jp.nurture.leads.core.party.Companies companies;
    @Autowired jp.nurture.leads.core.party.People people;
    @Autowired jp.nurture.leads.core.lead.LeadService leads;

    private ScoringTestProducts testProducts;

    @org.junit.jupiter.api.BeforeEach
    void products() {
        testProducts = new ScoringTestProducts(catalog, companies, people, leads, jdbc);
    }

    private MockHttpServletRequestBuilder as(String username, MockHttpServletRequestBuilder request) {
        return request.with(user(users.loadUserByUsername(username))).param("lang", "en");
    }

    private int versions(long product) {
        return jdbc.sql("select count(*) from scoring_model where product_id = ? and version is not null")
                .param(product).query(Integer.class).single();
    }

    @Test
    void theModelPageShowsTheActiveRulesInTheUsersLanguage() throws Exception {
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        String html = mvc.perform(as("marketer", get("/products/" + product + "/scoring")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Scoring model", "Revenue", "OVER_100_BN", "Site visit (page view)", "v1");
        String ja = mvc.perform(get("/products/" + product + "/scoring").with(user(users.loadUserByUsername("marketer"))))
                .andReturn().getResponse().getContentAsString();
        assertThat(ja).contains("スコアリングモデル", "売上規模");
    }

    @Test
    void invalidRulesAreShownInPlaceAndNothingIsSaved() throws Exception {
        long product = testProducts.productWithLeads();
        String html = mvc.perform(as("marketer", post("/products/" + product + "/scoring")).with(csrf())
                        .param("hotMode", "TOTAL").param("hotTotal", "20").param("callFrom", "25")
                        .param("rules[0].criterion", "INDUSTRY").param("rules[0].value", "BANKING")
                        .param("rules[0].points", "5")
                        .param("rules[1].criterion", "PAGE_VIEWED").param("rules[1].minCount", "x")
                        .param("rules[1].points", "2")
                        .param("rules[2].criterion", "TITLE_LEVEL").param("rules[2].value", "EXECUTIVE")
                        .param("rules[2].points", "0")
                        .param("rules[3].criterion", ""))
                .andExpect(status().isOk()).andExpect(view().name("scoring/model"))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("This value is not one of the criterion", "Please enter a whole number.",
                "Points must be a whole number from -100 to 100", "The call band must start below the hot threshold");
        assertThat(versions(product)).as("only the seed version").isEqualTo(1);
    }

    @Test
    void aSavedEditBecomesTheNextVersionAndRescoresTheProductsLeads() throws Exception {
        long product = testProducts.productWithLeads();
        long itLead = testProducts.leadIn(product, "IT");
        assertThat(testProducts.fit(itLead)).isEqualTo(6);
        mvc.perform(as("marketer", post("/products/" + product + "/scoring")).with(csrf())
                        .param("hotMode", "SEPARATE").param("hotFit", "20").param("hotEngagement", "0")
                        .param("callFrom", "5").param("note", "IT matters")
                        .param("rules[0].criterion", "INDUSTRY").param("rules[0].value", "IT")
                        .param("rules[0].points", "２０")
                        .param("rules[1].criterion", "TITLE_LEVEL").param("rules[1].value", "STAFF")
                        .param("rules[1].points", "1").param("rules[1].remove", "true"))
                .andExpect(flash().attribute("savedVersion", 2))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/products/" + product + "/scoring"));
        assertThat(testProducts.fit(itLead)).isEqualTo(20);
        assertThat(jdbc.sql("select hot from lead where id = ?").param(itLead).query(Boolean.class).single()).isTrue();

        String lead = mvc.perform(as("marketer", get("/leads/" + itLead))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(lead).contains("id=\"score-explanation\"", "Score 20 (fit 20 + engagement 0)", "Industry: IT",
                "+20", "Next: visit", "model v2", "score-history");
        String old = mvc.perform(as("marketer", get("/products/" + product + "/scoring?version=1")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(old).contains("You are viewing version 1; the active one is version 2");
    }

    @Test
    void theBoardShowsTheNextActionOfEveryCard() throws Exception {
        long product = DemoLeads.productId(jdbc, "FACTORY-IOT");
        String html = mvc.perform(as("inside", get("/board?product=" + product))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        int cards = html.split("class=\"lead-card").length - 1;
        assertThat(cards).isPositive();
        assertThat(html.split("next-action").length - 1).isEqualTo(cards);
    }

    @Test
    void theCalibrationPageShowsOutcomesPerBandAndRefusesABadTarget() throws Exception {
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        String html = mvc.perform(as("marketer", get("/products/" + product + "/scoring/calibration?target=abc")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Outcomes per score band", "Please enter a whole percentage", "id=\"bands\"");
        mvc.perform(as("marketer", post("/products/" + product + "/scoring/calibration/apply")).with(csrf())
                        .param("suggestion", "999999999").param("threshold", "12"))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("error", "scoring.problem.suggestion.gone"));
        mvc.perform(as("marketer", post("/products/" + product + "/scoring/calibration/apply")).with(csrf())
                        .param("suggestion", "1").param("threshold", "zero"))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("error", "calibration.threshold.invalid"));
    }

    @Test
    void aProductOutsideTheMarketersScopeIsNotFound() throws Exception {
        long other = DemoLeads.productId(jdbc, "FACTORY-IOT");
        mvc.perform(as("marketer-acc", get("/products/" + other + "/scoring"))).andExpect(status().isNotFound());
        mvc.perform(as("marketer-acc", get("/products/" + other + "/scoring/calibration")))
                .andExpect(status().isNotFound());
        mvc.perform(as("marketer", get("/products/" + other + "/scoring?version=999")))
                .andExpect(status().isNotFound()).andExpect(content().string(org.hamcrest.Matchers.containsString("not found")));
    }

    @org.junit.jupiter.api.Test
    void theProductPickerOpensTheChosenProductsModelWithoutInlineScript() throws Exception {
        long product = jp.nurture.leads.web.DemoLeads.productId(jdbc, "FACTORY-IOT");
        mvc.perform(as("marketer", get("/scoring").param("product", String.valueOf(product))))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                        .redirectedUrl("/products/" + product + "/scoring"));
        String html = mvc.perform(as("marketer", get("/products/" + product + "/scoring")))
                .andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(html).contains("data-autosubmit").doesNotContain("onchange=");
    }
}
