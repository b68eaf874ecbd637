package jp.nurture.leads.web.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import jp.nurture.leads.LeadsApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A PostgreSQL of a test's own that it can stop and start again on the same data directory and port, for the
 * tests that pull the database away from a running application; and the wait those tests share.
 */
public final class RestartablePostgres {

    private RestartablePostgres() {
    }

    /** A port nobody listens on right now, so that a restarted server comes back where the pool looks for it. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server on the directory, keeping what an earlier start left there. */
    public static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    /**
     * Starts the application against the server and a mail server on the port. The pool gives up on a connection
     * within 2 s, so that an outage shows as failed statements rather than threads waiting it out. The settings
     * ({@code --name=value}) add to these or override them.
     */
    public static ConfigurableApplicationContext boot(EmbeddedPostgres postgres, int smtpPort, String... settings) {
        String[] common = {
            "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
            "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
            "--spring.datasource.hikari.connection-timeout=2000", "--server.port=0",
            "--leads.rate-limit.enabled=false", "--spring.main.banner-mode=off",
            "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort};
        return new SpringApplicationBuilder(LeadsApplication.class)
                .run(Stream.concat(Stream.of(common), Stream.of(settings)).toArray(String[]::new));
    }

    /**
     * Waits until the condition holds, asking every 200 ms; a condition that throws counts as not yet (the
     * database may still be coming back). Fails the test when the time is up.
     */
    public static void await(Duration timeout, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            try {
                if (done.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            Thread.sleep(200);
        }
        assertThat(done.getAsBoolean()).as("done within %s", timeout).isTrue();
    }
}
