package jp.nurture.leads.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place that decides which real PostgreSQL the tests use: the server named by
 * {@code SPRING_DATASOURCE_URL} when set; else a Testcontainers container when a Docker engine is there; else an
 * embedded PostgreSQL started in this JVM. Never H2, never a mock. One server per test JVM.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

    /** How to reach the chosen server. */
    public record Server(String url, String username, String password, String kind) {
    }

    private static Server server;

    private TestDatabase() {
    }

    /** The server given from outside, or null when the tests must start one. */
    static String externalUrl() {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        return url == null || url.isBlank() ? null : url;
    }

    /** Starts (once) and returns the server to use when none is given from outside. */
    public static synchronized Server started() {
        if (server == null) {
            server = dockerAvailable() ? container() : embedded();
            log.info("Tests use a {} PostgreSQL at {}", server.kind(), server.url());
        }
        return server;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
    private static Server container() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "Testcontainers");
    }

    private static Server embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    log.warn("Embedded PostgreSQL did not stop cleanly", e);
                }
            }));
            return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL for tests", e);
        }
    }
}
