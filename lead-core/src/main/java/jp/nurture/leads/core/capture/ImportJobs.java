package jp.nurture.leads.core.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.consent.ConsentBasis;
import jp.nurture.leads.core.consent.EmailType;
import jp.nurture.leads.core.consent.EmailTypes;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import use cases: upload a file, preview it with a proposed column mapping, start it (the mapping is
 * remembered for the source), follow its progress, resume it after an interruption and read its failed rows.
 */
@Service
public class ImportJobs {

    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() {
    };
    private static final int PREVIEW_ROWS = 5;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CustomFields customFields;
    private final ImportWorker worker;
    private final Clock clock;
    private final UploadFiles uploads;
    private final EmailTypes emailTypes;

    ImportJobs(JdbcClient jdbc, JsonMapper json, CustomFields customFields, ImportWorker worker, Clock clock,
            UploadFiles uploads, EmailTypes emailTypes) {
        this.emailTypes = emailTypes;
        this.jdbc = jdbc;
        this.json = json;
        this.customFields = customFields;
        this.worker = worker;
        this.clock = clock;
        this.uploads = uploads;
    }

    /** Stores the uploaded file and registers the import; nothing is read into leads before {@link #start}. */
    @Transactional
    public ImportJob upload(ImportRequest request, InputStream content, ProductScope scope) {
        if (!scope.allows(request.productId())) {
            throw new ImportNotFound(-1);
        }
        Path file = uploads.store(content);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long id = jdbc.sql("""
                insert into import_job (product_id, source_name, file_name, file_path, charset, channel, source_detail,
                                        activity_type, event_date, merge_policy, status, bytes_total, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'UPLOADED', ?, ?)
                returning id""")
                .params(request.productId(), request.sourceName().strip(), request.fileName(),
                        file.toAbsolutePath().toString(),
                        request.charset() == null ? null : request.charset().name(), request.channel().name(),
                        request.sourceDetail(), request.activityType().name(), request.eventDate(),
                        request.mergePolicy().name(), size, request.createdBy())
                .query(Long.class).single();
        return get(id, scope);
    }

    /** The first rows and the proposed mapping: the one remembered for this source, else guessed from headers. */
    @Transactional(readOnly = true)
    public ImportPreview preview(long id, ProductScope scope) {
        ImportJob job = get(id, scope);
        Path file = Path.of(filePath(id));
        List<String> header = List.of();
        List<List<String>> rows = new ArrayList<>();
        String encoding = "";
        char separator = ',';
        try (ImportFile in = ImportFile.open(file,
                job.charset() == null ? null : java.nio.charset.Charset.forName(job.charset()), true)) {
            encoding = in.encoding();
            separator = in.separator();
            ImportFile.Record record = in.next();
            if (record != null) {
                header = record.fields();
            }
            while (rows.size() < PREVIEW_ROWS && (record = in.next()) != null) {
                rows.add(record.fields());
            }
        } catch (ImportFile.Unreadable unreadable) {
            // The preview shows what could be read; the run reports the rest as an unreadable row.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CustomField> custom = customFields.of(job.productId());
        Map<String, String> remembered = remembered(job.productId(), job.sourceName()).orElse(Map.of());
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String column : header) {
            String key = remembered.get(column);
            if (key == null) {
                key = custom.stream().filter(f -> f.label().equals(column) || f.key().equals(column))
                        .map(CustomField::mappingKey).findFirst()
                        .orElseGet(() -> ImportField.guess(column).map(ImportField::key).orElse(""));
            }
            mapping.put(column, key);
        }
        return new ImportPreview(job, encoding, separator, header, rows, mapping, custom);
    }

    /**
     * Queues the import with this mapping (column header → field key, blank to skip) and remembers the mapping
     * for the source.
     *
     * @throws InvalidMapping when no column identifies a person (email, external id or name)
     */
    @Transactional
    public ImportJob start(long id, Map<String, String> mapping, ProductScope scope) {
        return start(id, mapping, List.of(), scope);
    }

    /**
     * {@link #start} for a file whose addresses were handed over in writing (exhibition business cards): every
     * imported person with an address gets a {@link ConsentBasis#BUSINESS_CARD} consent for these email types of
     * the import's product, with the import as its source. Types of other products are ignored.
     */
    @Transactional
    public ImportJob start(long id, Map<String, String> mapping, Collection<Long> businessCardEmailTypes,
            ProductScope scope) {
        ImportJob job = get(id, scope);
        if (job.status() != ImportStatus.UPLOADED) {
            return job;
        }
        Map<String, String> clean = new LinkedHashMap<>();
        List<String> known = new ArrayList<>(customFields.of(job.productId()).stream().map(CustomField::mappingKey).toList());
        for (ImportField f : ImportField.values()) {
            known.add(f.key());
        }
        mapping.forEach((column, key) -> {
            if (key != null && known.contains(key)) {
                clean.put(column, key);
            }
        });
        if (!clean.containsValue(ImportField.EMAIL.key()) && !clean.containsValue(ImportField.EXTERNAL_ID.key())
                && !clean.containsValue(ImportField.FULL_NAME.key()) && !clean.containsValue(ImportField.LAST_NAME.key())) {
            throw new InvalidMapping();
        }
        String mappingJson = json.writeValueAsString(clean);
        Long[] consentTypes = emailTypes.ofProduct(job.productId()).stream().map(EmailType::id)
                .filter(businessCardEmailTypes::contains).toArray(Long[]::new);
        jdbc.sql("""
                update import_job set mapping = cast(? as jsonb), business_card_email_types = ?, status = 'QUEUED'
                where id = ?""").params(mappingJson, consentTypes, id).update();
        jdbc.sql("""
                insert into import_mapping (product_id, source_name, mapping) values (?, ?, cast(? as jsonb))
                on conflict (product_id, source_name) do update set mapping = excluded.mapping, updated_at = now()""")
                .params(job.productId(), job.sourceName(), mappingJson).update();
        afterCommit(worker::wake);
        return get(id, scope);
    }

    /** Queues an interrupted import again; it continues after the last chunk it committed. */
    @Transactional
    public ImportJob resume(long id, ProductScope scope) {
        get(id, scope);
        jdbc.sql("update import_job set status = 'QUEUED', message = null where id = ? and status = 'INTERRUPTED'")
                .param(id).update();
        afterCommit(worker::wake);
        return get(id, scope);
    }

    private static void afterCommit(Runnable action) {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        action.run();
                    }
                });
    }

    /** The mapping last used for this product and source, if any. */
    @Transactional(readOnly = true)
    public Optional<Map<String, String>> remembered(long productId, String sourceName) {
        return jdbc.sql("select mapping::text from import_mapping where product_id = ? and source_name = ?")
                .params(productId, sourceName.strip()).query(String.class).optional()
                .map(text -> json.readValue(text, MAPPING));
    }

    @Transactional(readOnly = true)
    public ImportJob get(long id, ProductScope scope) {
        return jdbc.sql(SELECT + " where j.id = ?").param(id).query(this::job).optional()
                .filter(j -> scope.allows(j.productId())).orElseThrow(() -> new ImportNotFound(id));
    }

    /** The newest imports of the products in scope. */
    @Transactional(readOnly = true)
    public List<ImportJob> recent(ProductScope scope, int limit) {
        return jdbc.sql(SELECT + " where (cast(? as bigint[]) is null or j.product_id = any(?)) order by j.id desc limit ?")
                .params(scope.sqlFilter(), scope.sqlFilter(), limit).query(this::job).list();
    }

    /** Streams the failed rows in file order. */
    @Transactional(readOnly = true)
    public void errors(long id, ProductScope scope, Consumer<ImportError> sink) {
        get(id, scope);
        jdbc.sql("select record_no, line_no, reason, detail, raw from import_error where job_id = ? order by record_no")
                .param(id).query(rs -> {
                    sink.accept(new ImportError(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                });
    }

    /** The email types this import records business-card consents for. */
    @Transactional(readOnly = true)
    public List<EmailType> businessCardEmailTypes(long id, ProductScope scope) {
        ImportJob job = get(id, scope);
        List<Long> ids = jdbc.sql("select unnest(business_card_email_types) from import_job where id = ?").param(id)
                .query(Long.class).list();
        return emailTypes.ofProduct(job.productId()).stream().filter(t -> ids.contains(t.id())).toList();
    }

    private String filePath(long id) {
        return jdbc.sql("select file_path from import_job where id = ?").param(id).query(String.class).single();
    }

    private static final String SELECT = """
            select j.id, j.product_id, j.source_name, j.file_name, j.status, j.channel, j.source_detail, j.activity_type,
                   j.event_date, j.merge_policy, j.charset, j.bytes_total, j.bytes_done, j.records_done,
                   j.records_at_start, j.created_count, j.updated_count, j.unchanged_count, j.failed_count, j.message,
                   j.created_at, j.started_at, j.finished_at
            from import_job j""";

    private ImportJob job(ResultSet rs, int n) throws SQLException {
        return new ImportJob(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                ImportStatus.valueOf(rs.getString(5)), Channel.valueOf(rs.getString(6)), rs.getString(7),
                ActivityType.valueOf(rs.getString(8)), rs.getObject(9, LocalDate.class),
                MergePolicy.valueOf(rs.getString(10)), rs.getString(11), rs.getLong(12), rs.getLong(13),
                rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17), rs.getLong(18), rs.getLong(19),
                rs.getString(20), instant(rs, 21), instant(rs, 22), instant(rs, 23), clock.instant());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** The mapping names no column that identifies a person. */
    public static class InvalidMapping extends RuntimeException {
        public InvalidMapping() {
            super("no column identifies a person");
        }
    }
}
