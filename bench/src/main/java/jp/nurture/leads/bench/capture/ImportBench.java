package jp.nurture.leads.bench.capture;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.capture.ImportJob;
import jp.nurture.leads.core.capture.ImportJobs;
import jp.nurture.leads.core.capture.ImportPreview;
import jp.nurture.leads.core.capture.ImportRequest;
import jp.nurture.leads.core.capture.ImportStatus;
import jp.nurture.leads.core.capture.MergePolicy;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.product.TargetDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * End-to-end CSV import speed: a generated 1M-row exhibition list imported (upload, parse, normalise, dedupe,
 * merge, activities) into an empty database, and again into one already holding 500k leads, each beside a bare
 * {@code psql \copy} of the same file into an unindexed table in the same database, same run. Prints medians.
 *
 * <p>Run: {@code MAVEN_OPTS=-Xmx512m ./mvnw -q -pl bench -am exec:java
 * -Dbench.main=jp.nurture.leads.bench.capture.ImportBench} (options: -Dbench.rows, -Dbench.preload, -Dbench.reps,
 * -Dbench.host, -Dbench.user, -Dbench.password; the database leads_bench is dropped and created per run).
 */
public final class ImportBench {

    private static final String HOST = System.getProperty("bench.host", "127.0.0.1");
    private static final String USER = System.getProperty("bench.user", "postgres");
    private static final String PASSWORD = System.getProperty("bench.password", "postgres");
    private static final String DB = "leads_bench";

    private ImportBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", 1_000_000);
        long preload = Long.getLong("bench.preload", 500_000);
        int reps = Integer.getInteger("bench.reps", 3);
        Path dir = Path.of("target/bench-capture");
        Files.createDirectories(dir);
        Path utf8 = dir.resolve("visitors-utf8.csv");
        Path sjis = dir.resolve("visitors-sjis.csv");
        Path held = dir.resolve("held.csv");
        var a = LeadCsvGenerator.write(utf8, rows, StandardCharsets.UTF_8, 1, 0);
        LeadCsvGenerator.write(sjis, rows, Charset.forName("windows-31j"), 1, 0);
        LeadCsvGenerator.write(held, preload, StandardCharsets.UTF_8, 2, 50_000_000);
        System.out.printf("files: %,d rows each (%,d repeated people, %,d broken rows); UTF-8 %,d bytes,"
                + " Windows-31J %,d bytes; max heap %,d MB%n", rows, a.duplicates(), a.broken(), Files.size(utf8),
                Files.size(sjis), Runtime.getRuntime().maxMemory() >> 20);

        List<Double> emptyImport = new ArrayList<>();
        List<Double> emptyCopy = new ArrayList<>();
        List<Double> heldImport = new ArrayList<>();
        List<Double> heldCopy = new ArrayList<>();
        long peakHeap = 0;
        for (int rep = 1; rep <= reps; rep++) {
            recreateDatabase();
            try (ConfigurableApplicationContext app = boot(dir)) {
                Run run = importFile(app, utf8, "UTF-8 list");
                emptyImport.add(rows / run.seconds);
                peakHeap = Math.max(peakHeap, run.peakHeap);
                emptyCopy.add(rows / copy(utf8, "UTF8"));
                System.out.printf("rep %d, empty database: import %.1f s (%s), \\copy %.2f s%n", rep, run.seconds,
                        run.job.status() + " created " + run.job.created() + " updated " + run.job.updated()
                                + " unchanged " + run.job.unchanged() + " failed " + run.job.failed(),
                        rows / emptyCopy.get(emptyCopy.size() - 1));
            }
            recreateDatabase();
            try (ConfigurableApplicationContext app = boot(dir)) {
                importFile(app, held, "held");
                Run run = importFile(app, sjis, "Windows-31J list");
                heldImport.add(rows / run.seconds);
                peakHeap = Math.max(peakHeap, run.peakHeap);
                heldCopy.add(rows / copy(sjis, "SJIS"));
                System.out.printf("rep %d, %,d leads held: import %.1f s (%s), \\copy %.2f s%n", rep, preload,
                        run.seconds, "created " + run.job.created() + " failed " + run.job.failed(),
                        rows / heldCopy.get(heldCopy.size() - 1));
            }
        }
        System.out.println();
        System.out.printf("%-34s %14s %14s %8s%n", String.format("%,d rows, median of %d", rows, reps),
                "import rows/s", "\\copy rows/s", "ratio");
        print("empty database, UTF-8", emptyImport, emptyCopy);
        print(String.format("%,d held, Windows-31J", preload), heldImport, heldCopy);
        System.out.printf("peak heap used during imports: %,d MB (max %,d MB); goal >= 50,000 rows/s%n",
                peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static void print(String label, List<Double> imports, List<Double> copies) {
        double i = median(imports);
        double c = median(copies);
        System.out.printf("%-34s %,14.0f %,14.0f %8.3f%n", label, i, c, i / c);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private record Run(double seconds, long peakHeap, ImportJob job) {
    }

    private static Run importFile(ConfigurableApplicationContext app, Path file, String source) throws Exception {
        ImportJobs jobs = app.getBean(ImportJobs.class);
        long product = app.getBean(ProductCatalog.class).visibleTo(ProductScope.all()).get(0).getId();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        ImportJob job;
        try (InputStream in = Files.newInputStream(file)) {
            job = jobs.upload(new ImportRequest(product, source, file.getFileName().toString(), null,
                    Channel.EXHIBITION, "IT Week 秋 2026", ActivityType.EXHIBITION_ATTENDED, LocalDate.of(2026, 11, 18),
                    MergePolicy.FILL_EMPTY, null), in, ProductScope.all());
        }
        ImportPreview preview = jobs.preview(job.id(), ProductScope.all());
        jobs.start(job.id(), preview.mapping(), ProductScope.all());
        while (!(job = jobs.get(job.id(), ProductScope.all())).status().isFinished()) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        if (job.status() != ImportStatus.DONE) {
            throw new IllegalStateException("import failed: " + job.message());
        }
        return new Run(seconds, peak.get(), job);
    }

    /** Seconds a bare {@code psql \copy} of the file into an unindexed table takes. */
    private static double copy(Path file, String encoding) throws Exception {
        StringBuilder ddl = new StringBuilder("create table bare (");
        for (int i = 1; i <= 12; i++) {
            ddl.append(i > 1 ? ", " : "").append("c").append(i).append(" text");
        }
        ddl.append(")");
        psql(ddl.toString());
        long start = System.nanoTime();
        psql("\\copy bare from '" + file.toAbsolutePath() + "' with (format csv, header true, encoding '" + encoding
                + "')");
        double seconds = (System.nanoTime() - start) / 1e9;
        psql("drop table bare");
        return seconds;
    }

    private static void psql(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", HOST, "-U", USER,
                "-d", DB, "-c", command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PASSWORD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
    }

    private static void recreateDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":5432/postgres", USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DB + " with (force)");
            s.execute("create database " + DB);
        }
    }

    private static ConfigurableApplicationContext boot(Path dir) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CoreOnly.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .properties("spring.datasource.url=jdbc:postgresql://" + HOST + ":5432/" + DB,
                        "spring.datasource.username=" + USER, "spring.datasource.password=" + PASSWORD,
                        "leads.demo-data.enabled=false", "spring.main.banner-mode=off",
                        "logging.level.root=WARN",
                        "spring.datasource.hikari.connection-init-sql=set temp_buffers = '128MB'", "leads.capture.upload-dir=" + dir.resolve("uploads"))
                .run();
        app.getBean(ProductCatalog.class).create("BENCH", "ベンチ製品", TargetDefinition.any());
        return app;
    }
}
