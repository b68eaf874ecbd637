package jp.nurture.leads.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;

class HitBufferTest {

    /** Records what would be written; can be told to fail or to hold the writer thread. */
    static class RecordingWriter extends PageViewWriter {
        final List<PageHit> written = new ArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile CountDownLatch hold;
        volatile UUID poison;

        RecordingWriter() {
            super(null, null, null, null);
        }

        @Override
        public synchronized void write(List<PageHit> hits) {
            CountDownLatch latch = hold;
            if (latch != null) {
                try {
                    latch.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failuresLeft.getAndDecrement() > 0) {
                throw new TransientDataAccessResourceException("database restarting");
            }
            if (hits.stream().anyMatch(h -> h.visitorId().equals(poison))) {
                throw new DataIntegrityViolationException("product deleted");
            }
            written.addAll(hits);
        }
    }

    private static PageHit hit(int n) {
        return new PageHit(UUID.randomUUID(), 1, "/p/" + n, null, null, Instant.now());
    }

    private static HitBuffer buffer(RecordingWriter writer, int capacity) {
        return new HitBuffer(writer, new TrackingProperties(null, capacity, 100, Duration.ofMillis(20), null, null));
    }

    @Test
    void aFullBufferRefusesHitsAndStopWritesEveryAcceptedOne() {
        RecordingWriter writer = new RecordingWriter();
        writer.hold = new CountDownLatch(1);
        HitBuffer buffer = buffer(writer, 5);
        buffer.start();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 50; i++) {
            if (buffer.offer(hit(i))) {
                accepted++;
            } else {
                refused++;
            }
        }
        assertThat(refused).isPositive();
        // The writer holds at most one batch while the queue is full: 5 queued + what it took.
        assertThat(accepted).isBetween(5, 6 + 5);
        writer.hold.countDown();
        buffer.stop();
        assertThat(writer.written).hasSize(accepted);
        assertThat(buffer.offer(hit(99))).as("closed after stop").isFalse();
    }

    @Test
    void aFailedBatchIsRetriedUntilWritten() {
        RecordingWriter writer = new RecordingWriter();
        writer.failuresLeft.set(3);
        HitBuffer buffer = buffer(writer, 100);
        buffer.start();
        for (int i = 0; i < 10; i++) {
            assertThat(buffer.offer(hit(i))).isTrue();
        }
        buffer.stop();
        assertThat(writer.written).hasSize(10);
        assertThat(buffer.written()).isEqualTo(10);
    }

    @Test
    void aHitThatCanNeverBeStoredDoesNotBlockTheOthers() {
        RecordingWriter writer = new RecordingWriter();
        HitBuffer buffer = buffer(writer, 100);
        List<PageHit> hits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hits.add(hit(i));
        }
        writer.poison = hits.get(4).visitorId();
        buffer.start();
        writer.hold = new CountDownLatch(1);
        hits.forEach(buffer::offer);
        writer.hold.countDown();
        buffer.stop();
        assertThat(writer.written).hasSize(9).doesNotContain(hits.get(4));
    }
}
