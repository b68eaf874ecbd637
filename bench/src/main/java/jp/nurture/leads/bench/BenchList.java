package jp.nurture.leads.bench;

/** Lists the benchmarks; run one with {@code ./mvnw -q -pl bench -am exec:java -Dbench.main=<class>}. */
public final class BenchList {

    private BenchList() {
    }

    public static void main(String[] args) {
        System.out.println("""
                Benchmarks (see README, "Benchmarks"):
                  jp.nurture.leads.bench.capture.ImportBench  CSV import, 1M rows, beside psql \\copy""");
    }
}
