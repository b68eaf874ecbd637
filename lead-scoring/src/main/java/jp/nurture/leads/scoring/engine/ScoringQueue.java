package jp.nurture.leads.scoring.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import jp.nurture.leads.core.activity.ActivityRecorded;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.capture.LeadsImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes scoring event-driven without a commit per event. Every {@link ActivityRecorded} puts its lead into
 * {@code scoring_queue} inside the transaction that recorded the activity (one statement per transaction,
 * however many activities), so the request pays no extra commit and a crash loses nothing. A worker thread,
 * woken right after such a commit (or every {@link #POLL_MILLIS} for other instances' work), claims queued leads
 * with FOR UPDATE SKIP LOCKED and rescores them set-based, a batch per product — so two app instances share the
 * queue and 1,000 events per second become a few statements per second.
 */
@Component
public class ScoringQueue implements SmartLifecycle {

    static final long POLL_MILLIS = 200;
    static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(ScoringQueue.class);
    private static final Object PENDING = ScoringQueue.class.getName() + ".pending";

    private final JdbcClient jdbc;
    private final ModelStore models;
    private final ScoreEngine engine;
    private final TransactionTemplate transactions;
    private final Semaphore wake = new Semaphore(0);
    private volatile Thread worker;
    private volatile boolean running;

    ScoringQueue(JdbcClient jdbc, ModelStore models, ScoreEngine engine, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.models = models;
        this.engine = engine;
        this.transactions = transactions;
    }

    @EventListener
    void on(ActivityRecorded event) {
        if (event.type() == ActivityType.BECAME_HOT) {
            return; // written by the engine itself; rescoring for it would change nothing
        }
        enqueue(event.leadId(), event.productId());
    }

    /** An import writes its activities set-based and says so once per chunk: score every lead it touched. */
    @EventListener
    void on(LeadsImported event) {
        event.leadIds().forEach(leadId -> enqueue(leadId, event.productId()));
    }

    /** Queues a lead for rescoring once the current transaction commits (at once when there is none). */
    public void enqueue(long leadId, long productId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            insert(Map.of(leadId, productId));
            wake.release();
            return;
        }
        @SuppressWarnings("unchecked")
        Map<Long, Long> pending = (Map<Long, Long>) TransactionSynchronizationManager.getResource(PENDING);
        if (pending == null) {
            Map<Long, Long> fresh = new LinkedHashMap<>();
            TransactionSynchronizationManager.bindResource(PENDING, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    insert(fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
                    if (status == STATUS_COMMITTED) {
                        wake.release();
                    }
                }
            });
            pending = fresh;
        }
        pending.put(leadId, productId);
    }

    private void insert(Map<Long, Long> leads) {
        if (leads.isEmpty()) {
            return;
        }
        // Inserted in lead order: two transactions queueing overlapping leads in different orders would otherwise
        // deadlock on the primary key (seen when routing and an import ran at once).
        Map<Long, Long> ordered = new TreeMap<>(leads);
        jdbc.sql("""
                insert into scoring_queue (lead_id, product_id)
                select * from unnest(cast(? as bigint[]), cast(? as bigint[]))
                on conflict (lead_id) do nothing""")
                .params(ordered.keySet().toArray(Long[]::new), ordered.values().toArray(Long[]::new))
                .update();
    }

    /** Claims and rescores one batch of queued leads; returns how many were claimed. */
    public int drainOnce() {
        Integer claimed = transactions.execute(tx -> {
            record Queued(long leadId, long productId) {
            }
            // The queue row and its lead are claimed together, skipping leads another transaction holds: a
            // writer that holds a lead and then queues it again would otherwise wait for this batch's queue row
            // while this batch waits for its lead (a deadlock, seen with routing and scoring side by side).
            List<Queued> batch = jdbc.sql("""
                    delete from scoring_queue where lead_id in (
                        select q.lead_id from scoring_queue q join lead l on l.id = q.lead_id
                        order by q.queued_at limit ?
                        for update of q skip locked for no key update of l skip locked)
                    returning lead_id, product_id""")
                    .param(BATCH).query((rs, n) -> new Queued(rs.getLong(1), rs.getLong(2))).list();
            Map<Long, Set<Long>> byProduct = new LinkedHashMap<>();
            batch.forEach(q -> byProduct.computeIfAbsent(q.productId(), k -> new LinkedHashSet<>()).add(q.leadId()));
            // A product deleted since its leads were queued has nothing left to score; without this its rows would
            // fail the whole batch again and again and stop every other product's scoring.
            Set<Long> existing = new java.util.HashSet<>(byProduct.isEmpty() ? List.of() : jdbc
                    .sql("select id from product where id = any(?)").param(byProduct.keySet().toArray(Long[]::new))
                    .query(Long.class).list());
            byProduct.keySet().retainAll(existing);
            byProduct.forEach((product, leads) -> engine.rescoreLeads(models.active(product), new ArrayList<>(leads)));
            return batch.size();
        });
        return claimed == null ? 0 : claimed;
    }

    private void work() {
        while (running) {
            try {
                wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                while (running && drainOnce() == BATCH) {
                    // a full batch: more are waiting
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Rescoring queued leads failed; they stay queued and are tried again", e);
                sleepQuietly();
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::work, "scoring-queue");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
