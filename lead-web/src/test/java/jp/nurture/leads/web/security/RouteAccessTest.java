package jp.nurture.leads.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.nurture.leads.web.DemoLeads;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

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
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    /** Method, path, then the expected answer for admin, marketer, inside sales, field sales and anonymous. */
    static final String[][] MATRIX = {
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
            {"GET", "/admin/privacy", "200", "403", "403", "403", "login"},
            {"GET", "/admin/privacy/999999999/export", "404", "403", "403", "403", "login"},
            {"POST", "/admin/privacy/999999999/erase", "302", "403", "403", "403", "login"},
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
            {"GET", "/board/leads/{lead}/tools", "200", "403", "200", "403", "login"},
            {"GET", "/board/leads/999999999/tools", "404", "403", "404", "403", "login"},
            {"GET", "/imports", "200", "200", "403", "403", "login"},
            {"GET", "/imports/999999999", "404", "404", "403", "403", "login"},
            {"POST", "/imports", "200", "200", "403", "403", "login"},
            // Writes aimed at ids that do not exist, so an allowed request changes no demo data.
            {"POST", "/handoffs/999999999/won", "302", "403", "403", "302", "login"},
            {"POST", "/handoffs/999999999/lost", "302", "403", "403", "302", "login"},
            {"POST", "/handoffs/999999999/return", "302", "403", "403", "302", "login"},
            {"POST", "/admin/routing/999999999/settings", "404", "403", "403", "403", "login"},
            {"POST", "/admin/routing/999999999/rules/999999999/delete", "302", "403", "403", "403", "login"},
            {"POST", "/admin/routing/999999999/rules/999999999/enabled", "400", "403", "403", "403", "login"},
            {"POST", "/admin/routing/999999999/rules/999999999/up", "302", "403", "403", "403", "login"},
            {"POST", "/admin/routing/retry", "302", "403", "403", "403", "login"},
            {"POST", "/admin/routing/org/areas", "302", "403", "403", "403", "login"},
            {"POST", "/admin/routing/org/teams", "302", "403", "403", "403", "login"},
            {"POST", "/admin/routing/org/teams/999999999/members", "302", "403", "403", "403", "login"},
            {"POST", "/admin/routing/org/teams/999999999/members/999999999/delete", "302", "403", "403", "403", "login"},
            {"GET", "/t/opt-out", "200", "200", "200", "200", "200"},
            {"GET", "/imports/999999999/mapping", "404", "404", "403", "403", "login"},
            {"POST", "/imports/999999999/mapping", "404", "404", "403", "403", "login"},
            {"POST", "/imports/999999999/resume", "404", "404", "403", "403", "login"},
            {"GET", "/imports/999999999/progress", "404", "404", "403", "403", "login"},
            {"GET", "/imports/999999999/errors.csv", "404", "404", "403", "403", "login"},
            {"POST", "/segments", "200", "200", "403", "403", "login"},
            {"POST", "/segments/999999999/delete", "302", "302", "403", "403", "login"},
            {"POST", "/segments/999999999/freeze", "404", "404", "403", "403", "login"},
            {"GET", "/segments/999999999/export", "404", "404", "403", "403", "login"},
            {"POST", "/tracking/topics", "200", "200", "403", "403", "login"},
            {"POST", "/tracking/topics/999999999/delete", "302", "302", "403", "403", "login"},
            {"POST", "/board/leads/999999999/follow-up", "404", "403", "404", "403", "login"},
            {"POST", "/board/leads/999999999/bant", "404", "403", "404", "403", "login"},
            {"POST", "/board/follow-ups/999999999/done", "302", "403", "302", "403", "login"},
            // forms
            {"GET", "/forms", "200", "200", "403", "403", "login"},
            {"GET", "/forms/new", "200", "200", "403", "403", "login"},
            {"POST", "/forms", "200", "200", "403", "403", "login"},
            {"GET", "/forms/999999999", "404", "404", "403", "403", "login"},
            {"POST", "/forms/999999999", "404", "404", "403", "403", "login"},
            {"GET", "/f/no-such-form", "404", "404", "404", "404", "404"},
            {"POST", "/f/no-such-form", "404", "404", "404", "404", "404"},
            {"GET", "/f/no-such-form/embed", "404", "404", "404", "404", "404"},
            {"POST", "/f/no-such-form/embed", "404", "404", "404", "404", "404"},
            // api: /api/** answers API keys only. A signed-in person is no API client (403; a real browser's
            // session cookie is not even read there), anyone else gets 401 — problem details, never the login page.
            {"GET", "/api/v1/products/{product}/leads", "403", "403", "403", "403", "401"},
            {"POST", "/api/v1/products/{product}/leads", "403", "403", "403", "403", "401"},
            {"GET", "/api/v1/leads/{lead}", "403", "403", "403", "403", "401"},
            {"POST", "/api/v1/leads/{lead}/activities", "403", "403", "403", "403", "401"},
            {"GET", "/v3/api-docs", "200", "200", "200", "200", "200"},
            {"GET", "/swagger-ui/index.html", "200", "200", "200", "200", "200"},
            {"GET", "/admin/api-keys", "200", "403", "403", "403", "login"},
            {"POST", "/admin/api-keys", "200", "403", "403", "403", "login"},
            {"POST", "/admin/api-keys/999999999/revoke", "302", "403", "403", "403", "login"},
            {"GET", "/products/{product}/fields", "200", "200", "403", "403", "login"},
            {"POST", "/products/{product}/fields", "200", "200", "403", "403", "login"},
            {"POST", "/products/{product}/fields/999999999", "302", "302", "403", "403", "login"},
            {"POST", "/products/{product}/fields/999999999/delete", "302", "302", "403", "403", "login"},
            // reports
            {"GET", "/reports", "200", "200", "403", "403", "login"},
            {"GET", "/reports?period=week&on=2026-11-30", "200", "200", "403", "403", "login"},
            {"GET", "/reports/export", "200", "200", "403", "403", "login"},
            {"GET", "/reports/products/{product}", "200", "200", "403", "403", "login"},
            {"GET", "/reports/products/999999999", "404", "404", "403", "403", "login"},
            {"GET", "/reports/products/{product}/export/funnel", "200", "200", "403", "403", "login"},
            {"GET", "/reports/products/{product}/export/no-such-panel", "404", "404", "403", "403", "login"},
            {"GET", "/reports/products/{product}/plan", "200", "200", "403", "403", "login"},
            {"POST", "/reports/products/999999999/plan", "404", "404", "403", "403", "login"},
            // campaign
            {"GET", "/campaigns", "200", "200", "403", "403", "login"},
            {"POST", "/campaigns", "200", "200", "403", "403", "login"},
            {"GET", "/campaigns/999999999", "404", "404", "403", "403", "login"},
            {"POST", "/campaigns/999999999/members", "404", "404", "403", "403", "login"},
            {"POST", "/campaigns/999999999/members/{lead}", "302", "302", "403", "403", "login"},
            {"POST", "/campaigns/999999999/status", "302", "302", "403", "403", "login"},
            {"POST", "/campaigns/999999999/sends", "302", "302", "403", "403", "login"},
            {"POST", "/campaigns/999999999/costs", "404", "404", "403", "403", "login"},
            {"GET", "/email-templates", "200", "200", "403", "403", "login"},
            {"GET", "/email-templates/new?product={product}", "200", "200", "403", "403", "login"},
            {"POST", "/email-templates", "400", "400", "403", "403", "login"},
            {"GET", "/email-templates/999999999", "404", "404", "403", "403", "login"},
            {"POST", "/email-templates/999999999", "404", "404", "403", "403", "login"},
            {"GET", "/email-templates/999999999/preview", "404", "404", "403", "403", "login"},
            {"POST", "/email-templates/999999999/test", "404", "404", "403", "403", "login"},
            {"GET", "/m/c/not-signed", "400", "400", "400", "400", "400"},
            {"GET", "/m/o/not-signed", "200", "200", "200", "200", "200"},
            {"GET", "/m/u/not-signed", "400", "400", "400", "400", "400"},
            {"POST", "/m/u/not-signed", "400", "400", "400", "400", "400"},
            {"GET", "/m/p/not-signed", "400", "400", "400", "400", "400"},
            {"POST", "/m/p/not-signed", "400", "400", "400", "400", "400"},
            {"GET", "/nurture", "200", "200", "403", "403", "login"},
            {"POST", "/nurture", "200", "200", "403", "403", "login"},
            {"GET", "/nurture/999999999", "404", "404", "403", "403", "login"},
            {"POST", "/nurture/999999999/steps", "404", "404", "403", "403", "login"},
            {"POST", "/nurture/999999999/active", "404", "404", "403", "403", "login"},
            {"POST", "/nurture/999999999/enroll", "404", "404", "403", "403", "login"},
        };

    static Stream<Arguments> pages() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] row : MATRIX) {
            for (int i = 0; i < USERS.length; i++) {
                cases.add(Arguments.of(row[0], row[1], USERS[i], row[2 + i]));
            }
        }
        return cases.stream();
    }

    /**
     * The matrix must name every route the application serves: a new handler without a row fails here, so no page
     * ships without someone deciding who may see it.
     */
    @Test
    void everyRouteOfTheApplicationHasARowInTheMatrix() {
        List<String> missing = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("jp.nurture.leads")
                    || info.getPathPatternsCondition() == null) {
                return;
            }
            Set<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (methods.isEmpty()) {
                methods = Set.of("GET", "POST");
            }
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                for (String method : methods) {
                    boolean listed = Arrays.stream(MATRIX).anyMatch(row -> row[0].equals(method)
                            && pattern.matches(PathContainer.parsePath(concrete(row[1]))));
                    if (!listed) {
                        missing.add(method + " " + pattern.getPatternString());
                    }
                }
            }
        });
        assertThat(missing).as("routes without a row in the access matrix").isEmpty();
    }

    /**
     * Every state-changing route refuses a request without the CSRF token, and a GET to an address that only takes
     * POST is refused — even for the admin, who may use them all. Public endpoints (anonymous column not "login")
     * carry their own protection and are tested with their features.
     */
    @Test
    void writesNeedTheCsrfTokenAndAPost() throws Exception {
        long lead = DemoLeads.anyLeadIn(jdbc, "DISQUALIFIED");
        var admin = user(users.loadUserByUsername("admin"));
        List<String> accepted = new ArrayList<>();
        for (String[] row : MATRIX) {
            if (!row[0].equals("POST") || !row[6].equals("login")) {
                continue;
            }
            String path = concretePath(row[1], lead);
            int withoutToken = mvc.perform(post(path).with(admin).param("lead", String.valueOf(lead))
                    .param("version", "0")).andReturn().getResponse().getStatus();
            if (withoutToken != 403) {
                accepted.add("POST without token " + path + " -> " + withoutToken);
            }
            // Where the same address is also a page (a form shown by GET, submitted by POST) the GET is the page.
            boolean alsoAPage = Arrays.stream(MATRIX).anyMatch(other -> other[0].equals("GET")
                    && concrete(other[1]).equals(concrete(row[1])));
            int asGet = mvc.perform(get(path).with(admin)).andReturn().getResponse().getStatus();
            if (!alsoAPage && asGet < 400) {
                accepted.add("GET " + path + " -> " + asGet);
            }
        }
        assertThat(accepted).isEmpty();
    }

    private String concretePath(String template, long lead) {
        return template.replace("{lead}", String.valueOf(lead))
                .replace("{product}", String.valueOf(DemoLeads.productId(jdbc, "SFA-CLOUD")))
                .replace("{company}", jdbc.sql("select min(id) from company").query(Long.class).single().toString())
                .replace("{user}", jdbc.sql("select id from app_user where username = 'field'").query(Long.class)
                        .single().toString());
    }

    /** A matrix path as a request path: placeholders become an id, the query is dropped. */
    private static String concrete(String template) {
        String path = template.contains("?") ? template.substring(0, template.indexOf('?')) : template;
        return path.replaceAll("\\{[A-Za-z]+\\}", "1");
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
