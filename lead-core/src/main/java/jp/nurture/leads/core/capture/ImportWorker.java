package jp.nurture.leads.core.capture;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs queued imports in the background, safely with several app instances: a job is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, the claiming instance keeps its heartbeat fresh, and a job whose heartbeat
 * stops (the instance restarted or died) is marked interrupted by whichever instance notices first.
 */
@Component
class ImportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

    private final JdbcClient jdbc;
    private final ImportRun run;
    private final int workers;
    private final int staleSeconds;
    private final Set<Long> runningHere = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService ticks;
    private ExecutorService pool;
    private volatile boolean running;

    ImportWorker(JdbcClient jdbc, ImportRun run, @Value("${leads.capture.workers:1}") int workers,
            @Value("${leads.capture.stale-seconds:60}") int staleSeconds) {
        this.jdbc = jdbc;
        this.run = run;
        this.workers = workers;
        this.staleSeconds = staleSeconds;
    }

    @Override
    public void start() {
        ticks = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "import-ticks"));
        pool = Executors.newFixedThreadPool(workers, r -> daemon(r, "import-worker"));
        running = true;
        ticks.scheduleWithFixedDelay(this::tick, 1, 2, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Looks for queued work now rather than at the next tick. */
    void wake() {
        if (running) {
            ticks.execute(this::tick);
        }
    }

    private void tick() {
        try {
            if (!runningHere.isEmpty()) {
                jdbc.sql("update import_job set heartbeat_at = now() where status = 'RUNNING' and id = any(?)")
                        .param(runningHere.toArray(Long[]::new)).update();
            }
            jdbc.sql("""
                    update import_job set status = 'INTERRUPTED', message = 'interrupted'
                    where status = 'RUNNING' and heartbeat_at < now() - make_interval(secs => ?)""")
                    .param(staleSeconds).update();
            while (runningHere.size() < workers) {
                Optional<Long> claimed = claim();
                if (claimed.isEmpty()) {
                    break;
                }
                long id = claimed.get();
                runningHere.add(id);
                pool.execute(() -> {
                    try {
                        run.run(id);
                    } finally {
                        runningHere.remove(id);
                        wake();
                    }
                });
            }
        } catch (RuntimeException e) {
            // A database hiccup must not end the schedule; the next tick tries again.
            log.warn("import worker tick failed", e);
        }
    }

    private Optional<Long> claim() {
        List<Long> ids = jdbc.sql("""
                update import_job set status = 'RUNNING', started_at = now(), heartbeat_at = now(),
                    records_at_start = records_done, message = null
                where id = (select id from import_job where status = 'QUEUED' order by id
                            for update skip locked limit 1)
                returning id""").query(Long.class).list();
        return ids.stream().findFirst();
    }

    @Override
    public void stop() {
        running = false;
        if (!runningHere.isEmpty()) {
            // Said now rather than after the heartbeat goes stale, so the page shows it at once.
            jdbc.sql("update import_job set status = 'INTERRUPTED', message = 'interrupted' where status = 'RUNNING'"
                    + " and id = any(?)").param(runningHere.toArray(Long[]::new)).update();
        }
        ticks.shutdownNow();
        pool.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
