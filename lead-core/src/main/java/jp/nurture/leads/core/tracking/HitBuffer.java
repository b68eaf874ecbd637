package jp.nurture.leads.core.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * The ingest path for page views: the hit endpoint only offers a hit to a bounded in-memory queue and answers at
 * once; one writer thread drains it in batches (one multi-row insert per batch) every flush interval or as soon
 * as a batch is full. When the queue is full {@link #offer} says no and the endpoint answers 429, so a burst
 * slows the tags down instead of growing memory. A batch that fails to write is retried until it is written —
 * an accepted hit is never dropped — and on shutdown the queue is closed to new hits and drained completely
 * before the database connection pool goes away (this lifecycle stops after the web server).
 */
@Service
public class HitBuffer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HitBuffer.class);

    private final BlockingQueue<PageHit> queue;
    private final PageViewWriter writer;
    private final TrackingProperties properties;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong unwritable = new AtomicLong();
    private volatile boolean open;
    private volatile boolean running;
    private Thread thread;

    HitBuffer(PageViewWriter writer, TrackingProperties properties) {
        this.writer = writer;
        this.properties = properties;
        this.queue = new ArrayBlockingQueue<>(properties.bufferCapacity());
    }

    /** Accepts a page view for writing; false when the buffer is full or shutting down (answer 429). */
    public boolean offer(PageHit hit) {
        if (!open || !queue.offer(hit)) {
            return false;
        }
        accepted.incrementAndGet();
        return true;
    }

    /** Page views accepted since start. */
    public long accepted() {
        return accepted.get();
    }

    /** Page views written since start. */
    public long written() {
        return written.get();
    }

    /** Page views accepted and not yet written. */
    public int pending() {
        return queue.size();
    }

    /** Writes everything accepted so far before returning (waiting for a batch the writer thread holds). */
    public void flush() {
        long target = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (written.get() + unwritable.get() < target && System.nanoTime() < deadline) {
            synchronized (this) {
                while (!queue.isEmpty()) {
                    drainOnce();
                }
            }
            if (written.get() + unwritable.get() < target) {
                pause(5);
            }
        }
    }

    @Override
    public synchronized void start() {
        open = true;
        running = true;
        thread = new Thread(this::run, "page-view-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        open = false;
        running = false;
        Thread writerThread = thread;
        if (writerThread != null) {
            writerThread.interrupt();
            try {
                writerThread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
        log.info("Page view buffer closed: {} accepted, {} written", accepted.get(), written.get());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Low phase: started early, stopped after the web server has stopped taking hits. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void run() {
        long interval = properties.flushInterval().toMillis();
        while (running) {
            try {
                PageHit first = queue.poll(interval, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                synchronized (this) {
                    List<PageHit> batch = new ArrayList<>(properties.batchSize());
                    batch.add(first);
                    queue.drainTo(batch, properties.batchSize() - 1);
                    writeUntilDone(batch);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void drainOnce() {
        List<PageHit> batch = new ArrayList<>(properties.batchSize());
        queue.drainTo(batch, properties.batchSize());
        writeUntilDone(batch);
    }

    private void writeUntilDone(List<PageHit> batch) {
        int attempt = 0;
        while (true) {
            try {
                writer.write(batch);
                written.addAndGet(batch.size());
                return;
            } catch (DataIntegrityViolationException e) {
                // Permanent for this data (e.g. its product was deleted meanwhile): isolate the hit at fault
                // so the rest of the batch is written, and log the one that can never be stored.
                if (batch.size() > 1) {
                    batch.forEach(hit -> writeUntilDone(List.of(hit)));
                    return;
                }
                unwritable.incrementAndGet();
                log.error("Page view cannot be stored and is dropped: {}", batch.get(0), e);
                return;
            } catch (RuntimeException e) {
                attempt++;
                log.warn("Writing {} page views failed (attempt {}), retrying", batch.size(), attempt, e);
                pause(Math.min(5_000, 100L * attempt));
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            // Shutting down: keep retrying anyway, the hits were accepted; the running flag ends the loop.
            log.debug("Interrupted while waiting to retry");
        }
    }
}
