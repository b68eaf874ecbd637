package jp.nurture.leads.core.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The uploaded files waiting for their import. Visitor lists are personal data: a file is deleted as soon as its
 * import is done or failed (an interrupted one keeps its file to resume), and at startup whatever an earlier run
 * left behind goes too — files of finished imports, and files no import points to (an upload that never
 * committed) once they are older than {@code leads.capture.orphan-minutes}, so an upload another instance is
 * storing right now is left alone.
 */
@Component
class UploadFiles {

    private static final Logger log = LoggerFactory.getLogger(UploadFiles.class);
    private static final List<String> KEPT = List.of("UPLOADED", "QUEUED", "RUNNING", "INTERRUPTED");

    private final JdbcClient jdbc;
    private final Path dir;
    private final Clock clock;
    private final Duration orphanAge;

    UploadFiles(JdbcClient jdbc, Clock clock, @Value("${leads.capture.upload-dir:data/imports}") Path dir,
            @Value("${leads.capture.orphan-minutes:60}") long orphanMinutes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dir = dir;
        this.orphanAge = Duration.ofMinutes(orphanMinutes);
    }

    /** Copies an upload into the directory; the caller records the returned path with its import. */
    Path store(InputStream content) {
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "import-", ".upload");
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the file once its import has ended for good (done or failed). */
    void discardIfFinished(long jobId, Path file) {
        String status = jdbc.sql("select status from import_job where id = ?").param(jobId).query(String.class)
                .optional().orElse(null);
        if (status != null && !KEPT.contains(status)) {
            delete(file);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStartup() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A file left behind is deleted at the next start; it must not keep the application from starting.
            log.warn("could not clean up the import upload directory {}", dir, e);
        }
    }

    /** Deletes the files of finished imports and old files no import points to; returns how many went. */
    int sweep() {
        int deleted = 0;
        for (String path : jdbc.sql("select file_path from import_job where status not in ('UPLOADED', 'QUEUED',"
                + " 'RUNNING', 'INTERRUPTED')").query(String.class).list()) {
            Path file = Path.of(path);
            if (Files.exists(file) && delete(file)) {
                deleted++;
            }
        }
        if (!Files.isDirectory(dir)) {
            return deleted;
        }
        Set<Path> known = new HashSet<>();
        jdbc.sql("select file_path from import_job").query(String.class).list()
                .forEach(p -> known.add(Path.of(p).toAbsolutePath().normalize()));
        Instant cutoff = clock.instant().minus(orphanAge);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "import-*")) {
            for (Path file : files) {
                if (!known.contains(file.toAbsolutePath().normalize()) && Files.isRegularFile(file)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && delete(file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (deleted > 0) {
            log.info("deleted {} uploaded import files no longer needed", deleted);
        }
        return deleted;
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete the uploaded import file {}", file, e);
            return false;
        }
    }
}
