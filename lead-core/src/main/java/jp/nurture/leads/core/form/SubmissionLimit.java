package jp.nurture.leads.core.form;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many form submissions one client address may make: counted in the database, so every app instance
 * behind the load balancer enforces the same limit. Counts the current and the previous window together, so a
 * burst across a window boundary is still caught.
 */
@Service
public class SubmissionLimit {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int limit;
    private final Duration window;

    SubmissionLimit(JdbcClient jdbc, Clock clock, @Value("${leads.forms.submissions-per-window:20}") int limit,
            @Value("${leads.forms.rate-window:PT10M}") Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    /**
     * Counts one attempt from the address and says whether it is still within the limit. Committed on its own,
     * so refused and failed attempts count too.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean allow(String clientAddress) {
        long size = window.toMillis();
        Instant now = clock.instant();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() / size * size);
        String client = hash(clientAddress);
        jdbc.sql("""
                insert into form_rate (client_hash, window_start, hits) values (?, ?, 1)
                on conflict (client_hash, window_start) do update set hits = form_rate.hits + 1""")
                .params(client, Timestamp.from(start)).update();
        long hits = jdbc.sql("select coalesce(sum(hits), 0) from form_rate where client_hash = ? and window_start >= ?")
                .params(client, Timestamp.from(start.minus(window))).query(Long.class).single();
        return hits <= limit;
    }

    /** Forgets windows no limit looks at any more; harmless when several instances run it. */
    @Scheduled(initialDelayString = "PT3M", fixedDelayString = "PT10M")
    @Transactional
    public void forgetOldWindows() {
        jdbc.sql("delete from form_rate where window_start < ?")
                .param(Timestamp.from(clock.instant().minus(window.multipliedBy(3)))).update();
    }

    private static String hash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(address).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
