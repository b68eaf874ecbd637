package jp.nurture.leads.web.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import jp.nurture.leads.core.user.ApiClient;
import jp.nurture.leads.core.user.ApiKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's own filter chain, ahead of the pages' one: stateless (no session is read or created, so no CSRF token
 * either), authenticated only by an {@code X-API-Key} header; errors are problem details, never the login page.
 * The OpenAPI document and Swagger UI are public: they describe the API, they give no access to it.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    static final String HEADER = "X-API-Key";
    static final String ROLE = "API_CLIENT";

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiKeys keys, ApiProblems problems) throws Exception {
        http.securityMatcher("/api/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
            .authorizeHttpRequests(requests -> requests
                    .requestMatchers("/api/**").hasRole(ROLE)
                    .anyRequest().permitAll())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .addFilterBefore(new ApiKeyFilter(keys), AnonymousAuthenticationFilter.class)
            .exceptionHandling(errors -> errors
                    .authenticationEntryPoint((request, response, e) ->
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized"))
                    // A signed-in person's browser session is no API client (and is not even read here).
                    .accessDeniedHandler((request, response, e) ->
                            problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden")));
        return http.build();
    }

    /** Not a bean: as a bean Spring Boot would also register it for every request of the pages. */
    static final class ApiKeyFilter extends OncePerRequestFilter {

        private final ApiKeys keys;

        ApiKeyFilter(ApiKeys keys) {
            this.keys = keys;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String presented = request.getHeader(HEADER);
            if (presented != null) {
                // Unknown or revoked: left unauthenticated, so the entry point answers 401.
                keys.authenticate(presented.strip()).ifPresent(client -> {
                    var context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(new ApiKeyAuthentication(client));
                    SecurityContextHolder.setContext(context);
                });
            }
            chain.doFilter(request, response);
        }
    }

    /** An API client authenticated by its key; the key itself is not kept. */
    static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

        private final ApiClient client;

        ApiKeyAuthentication(ApiClient client) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
            this.client = client;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return client;
        }

        @Override
        public String getName() {
            return client.name();
        }
    }
}
