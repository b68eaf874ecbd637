package jp.nurture.leads.web.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import jp.nurture.leads.routing.FailedNotice;
import jp.nurture.leads.routing.RoutingNotices;
import jp.nurture.leads.web.campaign.MailTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A notice a stopped process left half-sent (claimed, sending_since long ago, no outcome): nobody knows whether
 * the mail server took it, so it is not sent again but marked failed with the reason, listed for the routing admin
 * — and when the admin retries it, it goes out once. A notice claimed only a moment ago is left to its sender.
 * Mail goes to the campaign tests' in-process GreenMail server.
 */
class InterruptedNoticeTest extends MailTestSupport {

    static final String INTERRUPTED = "interrupted while being handed to the mail server; not sent again so that"
            + " nobody gets it twice";

    @Autowired RoutingNotices notices;
    @Autowired Clock appClock;

    @Test
    void aNoticeLeftSendingIsMarkedFailedNotSentAndGoesOutOnceWhenRetried() throws Exception {
        Instant now = appClock.instant();
        long interrupted = notice("interrupted-notice@example.jp", now.minus(Duration.ofMinutes(20)));
        long inFlight = notice("in-flight-notice@example.jp", now.minus(Duration.ofMinutes(1)));
        try {
            notices.deliverDue();

            Row row = row(interrupted);
            assertThat(row.failed()).as("given up").isTrue();
            assertThat(row.sent()).isFalse();
            assertThat(row.sending()).isFalse();
            assertThat(row.lastError()).isEqualTo(INTERRUPTED);
            assertThat(notices.failed()).filteredOn(f -> f.id() == interrupted)
                    .extracting(FailedNotice::lastError).containsExactly(INTERRUPTED);
            Row other = row(inFlight);
            assertThat(other.sending()).as("a fresh claim is its sender's").isTrue();
            assertThat(other.failed()).isFalse();
            assertThat(other.sent()).isFalse();
            Thread.sleep(500);
            assertThat(to("interrupted-notice@example.jp")).as("not sent again").isEmpty();
            assertThat(to("in-flight-notice@example.jp")).isEmpty();

            assertThat(notices.retry(interrupted)).isTrue();
            assertThat(row(interrupted).sending()).as("retry clears the claim").isFalse();
            notices.deliverDue();
            await(() -> row(interrupted).sent() && to("interrupted-notice@example.jp").size() == 1);
            notices.deliverDue();
            Thread.sleep(500);
            assertThat(to("interrupted-notice@example.jp")).as("sent once").hasSize(1);
            row = row(interrupted);
            assertThat(row.failed()).isFalse();
            assertThat(row.sending()).isFalse();
            assertThat(row.lastError()).isNull();
            assertThat(notices.failed()).extracting(FailedNotice::id).doesNotContain(interrupted);
            assertThat(notices.retry(interrupted)).as("a sent notice is not sent again").isFalse();
        } finally {
            jdbc.sql("delete from routing_notice where id = ?").param(inFlight).update();
        }
    }

    /** A notice claimed at the given moment by a sender that has not written its outcome. */
    private long notice(String to, Instant claimedAt) {
        return jdbc.sql("""
                insert into routing_notice (recipient, subject, body, created_at, next_attempt_at, sending_since)
                values (?, '新しい引き渡し', '引き渡しがあります', ?, ?, ?) returning id""")
                .params(to, Timestamp.from(claimedAt), Timestamp.from(claimedAt), Timestamp.from(claimedAt))
                .query(Long.class).single();
    }

    record Row(boolean sent, boolean failed, boolean sending, String lastError) {
    }

    private Row row(long id) {
        return jdbc.sql("""
                select sent_at is not null, failed_at is not null, sending_since is not null, last_error
                from routing_notice where id = ?""").param(id)
                .query((rs, n) -> new Row(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4)))
                .single();
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(done.getAsBoolean()).as("done within 10 s").isTrue();
    }
}
