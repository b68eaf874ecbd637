package jp.nurture.leads.web.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Sessions are stored in PostgreSQL so every app instance sees every sign-in. Two requests of one session served
 * at the same moment (two tabs, or two instances) may both add the same attribute — a flash message, say — and the
 * plain INSERT would fail one of them; the PostgreSQL customizer turns it into an upsert.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    /**
     * How stale the stored last-access time may get. The repository writes the session row after every request
     * only to move that time; each such write is a commit that waits for the disk, which made every page of a
     * signed-in user ~15 ms slower and capped a busy user list at the disk's commit rate. Storing it at most once
     * a minute makes an idle session (8 h) expire up to a minute early, which nobody notices.
     */
    static final long LAST_ACCESS_RESOLUTION_MILLIS = 60_000;

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgresSessionUpserts() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }

    /** The repository's own UPDATE, with the same parameters, that leaves the row alone when only time moved. */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionWritesOnlyWhenSomethingChanged() {
        return repository -> repository.setUpdateSessionQuery("""
                UPDATE %TABLE_NAME% s
                SET SESSION_ID = v.session_id, LAST_ACCESS_TIME = v.last_access, MAX_INACTIVE_INTERVAL = v.max_inactive,
                    EXPIRY_TIME = v.expiry, PRINCIPAL_NAME = v.principal
                FROM (SELECT CAST(? AS VARCHAR) AS session_id, CAST(? AS BIGINT) AS last_access,
                             CAST(? AS INT) AS max_inactive, CAST(? AS BIGINT) AS expiry,
                             CAST(? AS VARCHAR) AS principal) v
                WHERE s.PRIMARY_ID = ?
                  AND (s.SESSION_ID <> v.session_id OR s.MAX_INACTIVE_INTERVAL <> v.max_inactive
                       OR s.PRINCIPAL_NAME IS DISTINCT FROM v.principal
                       OR v.last_access - s.LAST_ACCESS_TIME >= """ + LAST_ACCESS_RESOLUTION_MILLIS + ")");
    }
}
