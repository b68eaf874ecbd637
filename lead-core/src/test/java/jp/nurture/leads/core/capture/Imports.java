package jp.nurture.leads.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import jp.nurture.leads.core.product.ProductScope;

/** Runs an import the way the pages do (upload, map, start) and waits for the background job to finish. */
final class Imports {

    private Imports() {
    }

    static ImportJob run(ImportJobs jobs, ImportRequest request, byte[] content, Map<String, String> mapping) {
        return run(jobs, request, new ByteArrayInputStream(content), mapping);
    }

    static ImportJob run(ImportJobs jobs, ImportRequest request, InputStream content, Map<String, String> mapping) {
        ImportJob job = jobs.upload(request, content, ProductScope.all());
        ImportPreview preview = jobs.preview(job.id(), ProductScope.all());
        jobs.start(job.id(), mapping == null ? preview.mapping() : mapping, ProductScope.all());
        return awaitFinished(jobs, job.id());
    }

    static ImportJob awaitFinished(ImportJobs jobs, long id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            ImportJob job = jobs.get(id, ProductScope.all());
            if (job.status().isFinished()) {
                assertThat(job.status()).as(job.message()).isEqualTo(ImportStatus.DONE);
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("import " + id + " did not finish in time");
    }
}
