package jp.nurture.leads.web.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every page for every role, and for anonymous visitors: allowed pages answer, the others are refused. The
 * expected matrix is written out here; the columns are admin, marketer, inside sales, field sales, anonymous.
 */
@LeadsWebTest
class RouteAccessTest {

    private static final String[] USERS = {"admin", "marketer", "inside", "field", null};

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;

    static Stream<Arguments> pages() {
        String[][] matrix = {
            // method, path, admin, marketer, inside, field, anonymous
            {"GET", "/", "200", "200", "200", "200", "login"},
            {"GET", "/leads", "200", "200", "200", "200", "login"},
            {"GET", "/leads?stage=WORKING_CONNECTED&q=%25", "200", "200", "200", "200", "login"},
            {"GET", "/leads/{lead}", "200", "200", "200", "200", "login"},
            {"GET", "/leads/{lead}/edit", "200", "200", "200", "403", "login"},
            {"GET", "/board?product={product}", "200", "403", "200", "403", "login"},
            {"GET", "/admin/users", "200", "403", "403", "403", "login"},
            {"GET", "/admin/users/new", "200", "403", "403", "403", "login"},
            {"GET", "/admin/users/{user}", "200", "403", "403", "403", "login"},
            {"GET", "/admin/products", "200", "403", "403", "403", "login"},
            {"GET", "/admin/products/new", "200", "403", "403", "403", "login"},
            {"GET", "/admin/products/{product}", "200", "403", "403", "403", "login"},
            {"GET", "/admin/audit", "200", "403", "403", "403", "login"},
            {"GET", "/admin/audit/export", "200", "403", "403", "403", "login"},
            {"GET", "/no-such-page", "403", "403", "403", "403", "login"},
            {"GET", "/login", "200", "200", "200", "200", "200"},
            {"POST", "/leads/{lead}/stage", "302", "403", "302", "403", "login"},
            {"POST", "/leads/{lead}/edit", "200", "200", "200", "403", "login"},
            {"POST", "/board/move", "302", "403", "302", "403", "login"},
            {"POST", "/admin/users/new", "200", "403", "403", "403", "login"},
            {"POST", "/admin/products/new", "200", "403", "403", "403", "login"},
            {"GET", "/segments", "200", "200", "403", "403", "login"},
            {"GET", "/segments/new", "200", "200", "403", "403", "login"},
            {"GET", "/segments/new?preset=dormant", "200", "200", "403", "403", "login"},
            {"POST", "/segments/count", "200", "200", "403", "403", "login"},
            {"POST", "/segments/builder", "200", "200", "403", "403", "login"},
            {"GET", "/tracking", "200", "200", "403", "403", "login"},
            {"GET", "/t/tag.js", "200", "200", "200", "200", "200"},
            {"GET", "/t/noop", "204", "204", "204", "204", "204"},
            {"GET", "/t/c/not-a-token", "400", "400", "400", "400", "400"},
            {"POST", "/t/hit", "204", "204", "204", "204", "204"},
            {"GET", "/scoring", "302", "302", "403", "403", "login"},
            {"GET", "/products/{product}/scoring", "200", "200", "403", "403", "login"},
            {"GET", "/products/{product}/scoring/calibration", "200", "200", "403", "403", "login"},
            {"POST", "/products/{product}/scoring", "200", "200", "403", "403", "login"},
            {"POST", "/products/{product}/scoring/calibration/apply", "400", "400", "403", "403", "login"},
            {"GET", "/admin/routing?product={product}", "200", "403", "403", "403", "login"},
            {"GET", "/admin/routing/org", "200", "403", "403", "403", "login"},
            {"POST", "/admin/routing/{product}/rules", "302", "403", "403", "403", "login"},
            {"POST", "/admin/routing/notices/999999999/retry", "302", "403", "403", "403", "login"},
            {"GET", "/handoffs", "200", "403", "403", "200", "login"},
            {"POST", "/handoffs/0/accept", "302", "403", "403", "302", "login"},
            {"GET", "/companies/{company}", "200", "200", "200", "200", "login"},
            {"POST", "/board/leads/{lead}/contact", "302", "403", "302", "403", "login"},
            {"GET", "/imports", "200", "200", "403", "403", "login"},
            {"GET", "/imports/999999999", "404", "404", "403", "403", "login"},
            {"POST", "/imports", "200", "200", "403", "403", "login"},
        };
        List<Arguments> cases = new ArrayList<>();
        for (String[] row : matrix) {
            for (int i = 0; i < USERS.length; i++) {
                cases.add(Arguments.of(row[0], row[1], USERS[i], row[2 + i]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @MethodSource("pages")
    void eachRoleGetsExactlyItsPages(String method, String template, String username, String expected)
            throws Exception {
        long lead = DemoLeads.anyLeadIn(jdbc, "DISQUALIFIED");
        String path = template.replace("{lead}", String.valueOf(lead))
                .replace("{product}", String.valueOf(DemoLeads.productId(jdbc, "SFA-CLOUD")))
                .replace("{company}", jdbc.sql("select min(id) from company").query(Long.class).single().toString())
                .replace("{user}", jdbc.sql("select id from app_user where username = 'field'").query(Long.class)
                        .single().toString());
        MockHttpServletRequestBuilder request = method.equals("GET") ? get(path)
                // A POST that is allowed must not change demo data other tests rely on: the disqualified lead
                // cannot move, and the forms below are incomplete, so they come back with errors.
                : post(path).with(csrf()).param("lead", String.valueOf(lead)).param("version", "0")
                        .param("target", "NEW_LEAD");
        if (username != null) {
            request.with(user(users.loadUserByUsername(username)));
        }
        if (expected.equals("login")) {
            mvc.perform(request).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        } else {
            mvc.perform(request).andExpect(status().is(Integer.parseInt(expected)));
        }
    }
}
