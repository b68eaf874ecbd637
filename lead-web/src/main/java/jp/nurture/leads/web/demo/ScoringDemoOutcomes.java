package jp.nurture.leads.web.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives the demo a sales history for the calibration page: leads past the first stages are treated as handed off
 * months ago; converted ones were accepted and won or lost (finance and executive contacts win more often, so the
 * suggestion has something to find), others were returned with a reason. Runs after every runner (so after
 * DemoData), once per database: it does nothing when its own ROUTED activities (marked demo) exist.
 */
@Component
@Conditional(DemoDataWanted.class)
class ScoringDemoOutcomes {

    private static final long LOCK_KEY = 0x6c656164_73636f72L;
    private static final String[] RETURN_REASONS = {"予算が取れていない", "決裁者ではなかった", "導入時期が未定", "競合製品を導入済み"};

    private final JdbcClient jdbc;
    private final ActivityLog activities;
    private final TransactionTemplate transactions;

    ScoringDemoOutcomes(JdbcClient jdbc, ActivityLog activities, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.activities = activities;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query(Object.class).single();
            if (jdbc.sql("select exists (select 1 from activity where type = 'ROUTED' and detail @> '{\"demo\": true}')")
                    .query(Boolean.class).single()) {
                return;
            }
            record Past(long lead, long product, String stage, String industry, String title) {
            }
            List<Past> past = jdbc.sql("""
                    select l.id, l.product_id, l.stage, c.industry, p.title_level from lead l
                    join person p on p.id = l.person_id left join company c on c.id = p.company_id
                    where l.stage in ('CONVERTED', 'WORKING_CONNECTED', 'DORMANT', 'DISQUALIFIED') order by l.id""")
                    .query((rs, n) -> new Past(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)))
                    .list();
            Instant base = Instant.now().minus(Duration.ofDays(120));
            List<NewActivity> outcomes = new ArrayList<>();
            for (Past p : past) {
                Instant at = base.plus(Duration.ofHours(p.lead() % 2000));
                outcomes.add(new NewActivity(p.lead(), p.product(), ActivityType.ROUTED, at, null, Map.of("demo", true)));
                if (p.stage().equals("WORKING_CONNECTED") || p.stage().equals("DORMANT")) {
                    outcomes.add(new NewActivity(p.lead(), p.product(), ActivityType.RETURNED, at.plusSeconds(3600),
                            null, Map.of("reason", RETURN_REASONS[(int) (p.lead() % RETURN_REASONS.length)])));
                    continue;
                }
                outcomes.add(new NewActivity(p.lead(), p.product(), ActivityType.ACCEPTED, at.plusSeconds(3600), null,
                        Map.of()));
                int chance = ("FINANCE".equals(p.industry()) || "IT".equals(p.industry()) ? 50 : 15)
                        + ("EXECUTIVE".equals(p.title()) ? 30 : 0);
                boolean won = p.stage().equals("CONVERTED") && (p.lead() * 37) % 100 < chance;
                outcomes.add(new NewActivity(p.lead(), p.product(), won ? ActivityType.WON : ActivityType.LOST,
                        at.plus(Duration.ofDays(30)), null, Map.of()));
            }
            activities.recordAll(outcomes);
        });
    }
}
