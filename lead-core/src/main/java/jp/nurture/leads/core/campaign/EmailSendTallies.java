package jp.nurture.leads.core.campaign;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the per-send tallies small. Triggers on {@code email_outbox} and {@code email_event} append signed deltas
 * to {@code email_send_tally} (sent, bounced, unique opens, clicks, unsubscribes), so senders and tracking requests
 * never wait on a shared counter row; readers add the deltas up. This folds them into one row per send now and
 * then. Rows appended while it runs are not in its snapshot and stay as they are, and two compactions at once
 * cannot count a row twice (the second finds it deleted), so the sums never change.
 */
@Component
public class EmailSendTallies {

    private final JdbcClient jdbc;

    EmailSendTallies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Folds the deltas into one row per send; returns the number of rows folded. For tests and after bulk loads. */
    @Scheduled(fixedDelayString = "${leads.email.tally-compact-every:PT1M}", initialDelayString = "PT30S")
    @Transactional
    public int compact() {
        return jdbc.sql("""
                with folded as (delete from email_send_tally returning *),
                totals as (
                    insert into email_send_tally (send_id, sent, bounced, opened, clicked, unsubscribed)
                    select send_id, sum(sent), sum(bounced), sum(opened), sum(clicked), sum(unsubscribed)
                    from folded group by send_id
                    returning 1)
                select count(*) from folded""").query(Integer.class).single();
    }
}
