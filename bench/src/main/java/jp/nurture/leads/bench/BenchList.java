package jp.nurture.leads.bench;

/** Lists the benchmarks; run one with {@code ./mvnw -q -pl bench -am exec:java -Dbench.main=<class>}. */
public final class BenchList {

    private BenchList() {
    }

    public static void main(String[] args) {
        System.out.println("""
                Benchmarks (see README, "Benchmarks"):
                  jp.nurture.leads.bench.tracking.IngestBench     page views: wrk against /t/hit vs /t/noop
                  jp.nurture.leads.bench.tracking.SegmentBench    seed segments at 1M leads / 20M activities
                  jp.nurture.leads.bench.scoring.ScoringBench  scoring: full rescore of 1M leads / 20M activities, event latency at 1,000/s
                  jp.nurture.leads.bench.routing.RoutingBench   route 10,000 hot leads, 100 members, 50 rules
                  jp.nurture.leads.bench.capture.ImportBench  CSV import, 1M rows, beside psql \\copy
                  jp.nurture.leads.bench.report.DashboardBench  dashboards, lead list, board: p50/p95 at 1M leads / 20M activities
                  jp.nurture.leads.bench.campaign.EmailBench  100,000 personalised emails to a local SMTP sink
                  jp.nurture.leads.bench.system.LoadBench     wrk 60 s each: lead list, search, board, tracking at 1M leads""");
    }
}
