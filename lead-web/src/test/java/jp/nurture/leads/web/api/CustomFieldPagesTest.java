package jp.nurture.leads.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.nurture.leads.core.capture.CustomField;
import jp.nurture.leads.core.capture.CustomFields;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** A marketer defines a product's custom fields in the browser: add, refuse bad ones, edit, remove. */
@LeadsWebTest
class CustomFieldPagesTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;
    @Autowired CustomFields fields;

    @Test
    void aMarketerAddsEditsAndRemovesAChoiceField() throws Exception {
        var marketer = user(users.loadUserByUsername("marketer"));
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        String key = "crm_" + UUID.randomUUID().toString().substring(0, 6).replace('-', '_');
        String base = "/products/" + product + "/fields";

        mvc.perform(post(base).with(csrf()).with(marketer).param("key", key).param("label", "利用中の CRM")
                .param("type", "CHOICE").param("choices", "Salesforce\r\nkintone\r\n\r\nなし"));
        CustomField added = fields.of(product).stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
        assertThat(added.choices()).containsExactly("Salesforce", "kintone", "なし");

        String duplicate = mvc.perform(post(base).with(csrf()).with(marketer).param("key", key)
                        .param("label", "again").param("type", "TEXT").param("choices", "")
                        .header("Cookie", "lang=en"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(duplicate).contains("is-invalid");
        String noChoices = mvc.perform(post(base).with(csrf()).with(marketer).param("key", key + "_x")
                        .param("label", "x").param("type", "CHOICE").param("choices", " "))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(noChoices).contains("is-invalid");
        String badKey = mvc.perform(post(base).with(csrf()).with(marketer).param("key", "Bad Key")
                        .param("label", "x").param("type", "TEXT"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(badKey).contains("is-invalid");

        mvc.perform(post(base + "/" + added.id()).with(csrf()).with(marketer).param("label", "CRM")
                .param("choices", "Salesforce\nHubSpot"));
        CustomField edited = fields.of(product).stream().filter(f -> f.id() == added.id()).findFirst().orElseThrow();
        assertThat(edited.label()).isEqualTo("CRM");
        assertThat(edited.choices()).containsExactly("Salesforce", "HubSpot");
        assertThat(mvc.perform(get(base).with(marketer)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains(key, "HubSpot");

        mvc.perform(post(base + "/" + added.id() + "/delete").with(csrf()).with(marketer));
        assertThat(fields.of(product)).noneMatch(f -> f.id() == added.id());
    }

    @Test
    void aMarketerLimitedToAnotherProductGets404() throws Exception {
        long product = DemoLeads.productId(jdbc, "SFA-CLOUD");
        var limited = user(users.loadUserByUsername("marketer-acc"));
        assertThat(mvc.perform(get("/products/" + product + "/fields").with(limited)).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/products/" + product + "/fields").with(csrf()).with(limited)
                        .param("key", "sneaky").param("label", "x").param("type", "TEXT"))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(fields.of(product)).noneMatch(f -> f.key().equals("sneaky"));
    }
}
