package jp.nurture.leads.web.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Sessions are stored in PostgreSQL so every app instance sees every sign-in. Two requests of one session served
 * at the same moment (two tabs, or two instances) may both add the same attribute — a flash message, say — and the
 * plain INSERT would fail one of them; the PostgreSQL customizer turns it into an upsert.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgresSessionUpserts() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
