package jp.nurture.leads.core.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a mail server answered about a batch, and keeps the answers the database could not take at that
 * moment until it can: the server has spoken, and forgetting its answer would send those messages again. Used by
 * every worker that claims mail before sending it (the campaign outbox, the routing notices).
 *
 * @param <T> one message's outcome
 */
public final class MailOutcomes<T> {

    private static final Logger log = LoggerFactory.getLogger(MailOutcomes.class);

    private final String what;
    private final Queue<T> kept = new ConcurrentLinkedQueue<>();

    /** {@code what} names the messages in the log, e.g. "messages" or "notices". */
    public MailOutcomes(String what) {
        this.what = what;
    }

    /** Writes the outcomes; when that fails they are kept for {@link #recordKept} and the failure is rethrown. */
    public void record(List<T> outcomes, Consumer<List<T>> writer) {
        try {
            writer.accept(outcomes);
        } catch (RuntimeException e) {
            kept.addAll(outcomes);
            log.warn("Could not record the outcome of {} {} now, kept for the next round: {}", outcomes.size(), what,
                    e.toString());
            throw e;
        }
    }

    /** Writes the outcomes kept while the database was away; throws (ending the round) while it still is. */
    public void recordKept(Consumer<List<T>> writer) {
        List<T> left = new ArrayList<>();
        for (T o = kept.poll(); o != null; o = kept.poll()) {
            left.add(o);
        }
        if (left.isEmpty()) {
            return;
        }
        try {
            writer.accept(left);
            log.info("Recorded the outcome of {} {} sent while the database was away", left.size(), what);
        } catch (RuntimeException e) {
            kept.addAll(left);
            throw e;
        }
    }
}
