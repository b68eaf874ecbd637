package jp.nurture.leads.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.nurture.leads.web.LeadsWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The Content-Security-Policy forbids inline script, so no template may hold any: a template that does would
 * break in the browser, and a policy loosened for it would let an injected fragment run.
 */
@LeadsWebTest
class SecurityHeadersTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("\\s(?:th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern JS_URL = Pattern.compile("(?:href|src|action)\\s*=\\s*[\"']\\s*javascript:",
            Pattern.CASE_INSENSITIVE);

    @Autowired MockMvc mvc;
    @Autowired UserDetailsService users;

    @Test
    void noTemplateHoldsInlineScriptOrEventHandlers() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String html = Files.readString(file, StandardCharsets.UTF_8);
                Matcher script = SCRIPT.matcher(html);
                while (script.find()) {
                    if (!script.group(1).matches("(?s).*\\b(?:th:)?src\\s*=.*")) {
                        offences.add(file + ": inline <script>");
                    }
                }
                if (HANDLER.matcher(html).find()) {
                    offences.add(file + ": on… handler attribute");
                }
                if (JS_URL.matcher(html).find()) {
                    offences.add(file + ": javascript: URL");
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void applicationPagesRunOnlyTheirOwnScriptsAndCannotBeFramed() throws Exception {
        for (MockHttpServletResponse page : List.of(
                mvc.perform(get("/login")).andReturn().getResponse(),
                mvc.perform(get("/leads").with(user(users.loadUserByUsername("marketer")))).andReturn().getResponse())) {
            String policy = page.getHeader("Content-Security-Policy");
            assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'", "form-action 'self'",
                    "object-src 'none'").doesNotContain("unsafe-eval");
            assertThat(policy.substring(policy.indexOf("script-src"))).startsWith("script-src 'self';");
            assertThat(page.getHeader("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        }
    }

    @Test
    void publicFormsMayBeFramedByTheCustomersSiteButStillRunNoInlineScript() throws Exception {
        String policy = mvc.perform(get("/f/no-such-form/embed")).andReturn().getResponse()
                .getHeader("Content-Security-Policy");
        assertThat(policy).contains("frame-ancestors *", "script-src 'self';").doesNotContain("form-action");
        String hosted = mvc.perform(get("/f/no-such-form")).andReturn().getResponse()
                .getHeader("Content-Security-Policy");
        assertThat(hosted).contains("frame-ancestors 'none'", "script-src 'self';").doesNotContain("form-action");
    }
}
