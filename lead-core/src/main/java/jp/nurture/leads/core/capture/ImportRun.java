package jp.nurture.leads.core.capture;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one claimed import job: streams the file record by record (memory stays flat whatever its size), turns
 * each record into a staging line or a failed row, and merges chunk after chunk, each in one transaction that
 * also moves the job's progress on, so an interrupted run resumes after the last committed chunk. Reading the
 * next chunk overlaps with merging the previous one.
 */
@Component
class ImportRun {

    private static final Logger log = LoggerFactory.getLogger(ImportRun.class);
    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final StagingMerge merge;
    private final CustomFields customFields;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final int chunkRows;
    private final UploadFiles uploads;

    ImportRun(JdbcClient jdbc, StagingMerge merge, CustomFields customFields, PlatformTransactionManager txm,
            ApplicationEventPublisher events, JsonMapper json, UploadFiles uploads,
            @Value("${leads.capture.chunk-rows:50000}") int chunkRows) {
        this.uploads = uploads;
        this.jdbc = jdbc;
        this.merge = merge;
        this.customFields = customFields;
        this.transactions = new TransactionTemplate(txm);
        this.events = events;
        this.json = json;
        this.chunkRows = chunkRows;
    }

    /** A failed row as stored for the error file. */
    private record Failure(long recordNo, long lineNo, String reason, String detail, String raw) {
    }

    /** The job is no longer this run's (marked interrupted by another instance); stop without writing. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("import no longer running here", null, false, false);
        }
    }

    void run(long jobId) {
        var job = jdbc.sql("""
                select product_id, file_path, charset, mapping::text, channel, source_detail, activity_type, event_date,
                       merge_policy, records_done, business_card_email_types
                from import_job where id = ?""").param(jobId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, java.time.LocalDate.class),
                        rs.getString(9), rs.getLong(10), List.of((Long[]) rs.getArray(11).getArray())})
                .single();
        long productId = (Long) job[0];
        Path file = Path.of((String) job[1]);
        Map<String, String> mapping = json.readValue((String) job[3], MAPPING);
        Channel channel = Channel.valueOf((String) job[4]);
        ActivityType activityType = ActivityType.valueOf((String) job[6]);
        java.time.LocalDate eventDate = (java.time.LocalDate) job[7];
        MergePolicy policy = MergePolicy.valueOf((String) job[8]);
        long alreadyDone = (Long) job[9];
        @SuppressWarnings("unchecked")
        List<Long> businessCardTypes = (List<Long>) job[10];
        LocalDateTime defaultTime = eventDate != null ? eventDate.atStartOfDay()
                : LocalDateTime.now(java.time.ZoneId.of("Asia/Tokyo")).withNano(0);

        ExecutorService merger = Executors.newSingleThreadExecutor(r -> new Thread(r, "import-" + jobId + "-merge"));
        // Opened inside the try, so that a file or charset that cannot be read fails the job and frees its file.
        try (ImportFile in = ImportFile.open(file, job[2] == null ? null : Charset.forName((String) job[2]), false)) {
            // A workbook's progress counts sheet rows rather than bytes.
            jdbc.sql("update import_job set bytes_total = ? where id = ?").params(in.size(), jobId).update();
            ImportFile.Record head = in.next();
            if (head == null) {
                finish(jobId, "empty");
                return;
            }
            List<String> header = head.fields();
            RowReader rows = new RowReader(header, mapping, customFields.of(productId), channel, (String) job[5],
                    defaultTime, json);

            StringBuilder chunk = new StringBuilder(chunkRows * 200);
            List<Failure> failures = new ArrayList<>();
            int inChunk = 0;
            long recordNo = 0;
            Future<?> previous = null;
            while (true) {
                ImportFile.Record record;
                try {
                    record = in.next();
                    if (record == null) {
                        break;
                    }
                } catch (ImportFile.Unreadable unreadable) {
                    // An unclosed quote or a runaway field: nothing after it can be split into rows reliably.
                    failures.add(new Failure(recordNo + 1, -1, "unreadable", abbreviate(unreadable.getMessage()), null));
                    recordNo++;
                    break;
                }
                recordNo++;
                if (recordNo <= alreadyDone) {
                    continue;
                }
                try {
                    rows.read(record.fields(), recordNo, record.lineNo(), chunk);
                } catch (RowReader.Rejected rejected) {
                    failures.add(new Failure(recordNo, record.lineNo(), rejected.reason,
                            abbreviate(rejected.detail), in.raw(record.fields())));
                }
                if (++inChunk >= chunkRows) {
                    previous = hand(previous, merger, jobId, productId, policy, activityType, businessCardTypes, chunk, failures,
                            recordNo, in.position());
                    chunk = new StringBuilder(chunkRows * 200);
                    failures = new ArrayList<>();
                    inChunk = 0;
                }
            }
            previous = hand(previous, merger, jobId, productId, policy, activityType, businessCardTypes, chunk, failures, recordNo,
                    in.size());
            await(previous);
            finish(jobId, null);
        } catch (Stopped stopped) {
            log.info("import {} stopped: another instance marked it interrupted", jobId);
        } catch (RuntimeException | IOException e) {
            log.warn("import {} failed", jobId, e);
            jdbc.sql("update import_job set status = 'FAILED', message = ?, finished_at = now()"
                    + " where id = ? and status = 'RUNNING'")
                    .params(abbreviate(String.valueOf(e.getMessage())), jobId).update();
        } finally {
            merger.shutdownNow();
            uploads.discardIfFinished(jobId, file);
        }
    }

    /** Waits for the previous chunk's merge, then hands this one over and goes back to reading. */
    private Future<?> hand(Future<?> previous, ExecutorService merger, long jobId, long productId, MergePolicy policy,
            ActivityType type, List<Long> businessCardTypes, StringBuilder chunk, List<Failure> failures, long recordsDone, long bytesDone) {
        await(previous);
        return merger.submit(() -> transactions.executeWithoutResult(tx -> {
            saveFailures(jobId, failures);
            StagingMerge.Result result = chunk.isEmpty() ? new StagingMerge.Result(0, 0, 0, 0, List.of())
                    : merge.merge(jobId, productId, policy, type, businessCardTypes, chunk);
            int moved = jdbc.sql("""
                    update import_job set records_done = ?, bytes_done = ?, created_count = created_count + ?,
                        updated_count = updated_count + ?, unchanged_count = unchanged_count + ?,
                        failed_count = failed_count + ?, heartbeat_at = now()
                    where id = ? and status = 'RUNNING'""")
                    .params(recordsDone, bytesDone, result.created(), result.updated(), result.unchanged(),
                            result.failed() + failures.size(), jobId)
                    .update();
            if (moved == 0) {
                throw new Stopped();
            }
            if (!result.changedLeads().isEmpty()) {
                events.publishEvent(new LeadsImported(jobId, productId, result.changedLeads()));
            }
        }));
    }

    private static void await(Future<?> future) {
        if (future == null) {
            return;
        }
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void saveFailures(long jobId, List<Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into import_error (job_id, record_no, line_no, reason, detail, raw)
                select ?, * from unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[], ?::text[])
                on conflict do nothing""")
                .params(jobId, failures.stream().map(Failure::recordNo).toArray(Long[]::new),
                        failures.stream().map(Failure::lineNo).toArray(Long[]::new),
                        failures.stream().map(Failure::reason).toArray(String[]::new),
                        failures.stream().map(Failure::detail).toArray(String[]::new),
                        failures.stream().map(Failure::raw).toArray(String[]::new))
                .update();
    }

    private void finish(long jobId, String message) {
        jdbc.sql("""
                update import_job set status = 'DONE', message = ?, finished_at = now(), bytes_done = bytes_total
                where id = ? and status = 'RUNNING'""").params(message, jobId).update();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replace("\0", "");
        return clean.length() <= 300 ? clean : clean.substring(0, 299) + "…";
    }
}
