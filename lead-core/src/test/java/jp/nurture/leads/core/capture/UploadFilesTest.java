package jp.nurture.leads.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.Product;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Uploaded visitor lists are personal data: they do not outlive their import. */
@SpringBootTest(properties = "leads.capture.upload-dir=target/imports")
class UploadFilesTest {

    private static final Path DIR = Path.of("target/imports");

    @Autowired ImportJobs jobs;
    @Autowired UploadFiles uploads;
    @Autowired ProductCatalog catalog;
    @Autowired JdbcClient jdbc;

    Product product;
    String tag;

    @BeforeEach
    void data() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        product = catalog.create("U" + tag, "アップロード" + tag, TargetDefinition.any());
    }

    private ImportRequest request() {
        return new ImportRequest(product.getId(), "Files " + tag, "visitors.csv", null, Channel.EXHIBITION, null,
                ActivityType.EXHIBITION_ATTENDED, LocalDate.of(2026, 11, 18), MergePolicy.FILL_EMPTY, null);
    }

    private byte[] csv() {
        return ("氏名,メールアドレス\r\n山田 太郎,yamada." + tag + "@example.jp\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private Path fileOf(long id) {
        return Path.of(jdbc.sql("select file_path from import_job where id = ?").param(id).query(String.class).single());
    }

    @Test
    void theFileIsDeletedWhenTheImportIsDone() {
        ImportJob uploaded = jobs.upload(request(), new ByteArrayInputStream(csv()), ProductScope.all());
        Path file = fileOf(uploaded.id());
        assertThat(file).exists();
        jobs.start(uploaded.id(), jobs.preview(uploaded.id(), ProductScope.all()).mapping(), ProductScope.all());
        ImportJob done = Imports.awaitFinished(jobs, uploaded.id());
        assertThat(done.created()).isEqualTo(1);
        assertThat(file).doesNotExist();
    }

    @Test
    void theFileIsDeletedWhenTheImportFails() throws IOException {
        ImportJob uploaded = jobs.upload(request(), new ByteArrayInputStream(csv()), ProductScope.all());
        Path file = fileOf(uploaded.id());
        // A charset the JVM does not know makes the run fail before reading a row.
        jdbc.sql("update import_job set charset = 'x-no-such-charset' where id = ?").param(uploaded.id()).update();
        jdbc.sql("update import_job set mapping = '{\"氏名\":\"full_name\"}'::jsonb, status = 'QUEUED' where id = ?")
                .param(uploaded.id()).update();
        jobs.resume(uploaded.id(), ProductScope.all()); // wakes the worker; the job is already queued
        ImportJob failed = awaitEnd(uploaded.id());
        assertThat(failed.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(file).doesNotExist();
    }

    @Test
    void startupDeletesFilesOfFinishedImportsAndOldOrphansButKeepsWaitingOnes() throws IOException {
        ImportJob waiting = jobs.upload(request(), new ByteArrayInputStream(csv()), ProductScope.all());
        ImportJob finished = jobs.upload(request(), new ByteArrayInputStream(csv()), ProductScope.all());
        jdbc.sql("update import_job set status = 'DONE', finished_at = now() where id = ?").param(finished.id())
                .update();
        Path oldOrphan = Files.createTempFile(DIR, "import-", ".upload");
        Files.setLastModifiedTime(oldOrphan, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        Path freshOrphan = Files.createTempFile(DIR, "import-", ".upload");
        Path other = Files.createTempFile(DIR, "notes-", ".txt");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofHours(3))));

        uploads.sweep();

        assertThat(fileOf(waiting.id())).exists();
        assertThat(fileOf(finished.id())).doesNotExist();
        assertThat(oldOrphan).doesNotExist();
        assertThat(freshOrphan).as("another instance may be storing it right now").exists();
        assertThat(other).as("only upload files are touched").exists();
        Files.delete(freshOrphan);
        Files.delete(other);
    }

    private ImportJob awaitEnd(long id) {
        for (int i = 0; i < 600; i++) {
            ImportJob job = jobs.get(id, ProductScope.all());
            if (job.status().isFinished()) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("import " + id + " did not finish");
    }
}
