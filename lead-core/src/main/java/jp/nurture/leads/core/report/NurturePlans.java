package jp.nurture.leads.core.report;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import jp.nurture.leads.core.audit.AuditAction;
import jp.nurture.leads.core.audit.AuditLog;
import jp.nurture.leads.core.lead.Channel;
import jp.nurture.leads.core.product.ProductCatalog;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and keeps each product's nurturing plan; a product without one has the empty plan (win rate 30%). */
@Service
public class NurturePlans {

    private final JdbcClient jdbc;
    private final ProductCatalog catalog;
    private final AuditLog audit;

    NurturePlans(JdbcClient jdbc, ProductCatalog catalog, AuditLog audit) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public NurturePlan get(long productId, ProductScope scope) {
        catalog.get(productId, scope);
        return find(productId);
    }

    NurturePlan find(long productId) {
        return jdbc.sql("""
                select product_id, buying_journey, path_to_inquiry, goal, scenario, kpi_new_leads, kpi_hand_offs,
                       target_win_rate
                from nurture_plan where product_id = ?""").param(productId).query(NurturePlans::plan).optional()
                .orElseGet(() -> NurturePlan.empty(productId));
    }

    /** Saves the plan of a product the user may see; an unknown or hidden product is not found. */
    @Transactional
    public NurturePlan save(NurturePlan plan, Long actorId, ProductScope scope) {
        catalog.get(plan.productId(), scope);
        jdbc.sql("""
                insert into nurture_plan (product_id, buying_journey, path_to_inquiry, goal, scenario, kpi_new_leads,
                                          kpi_hand_offs, target_win_rate, updated_at, updated_by)
                values (?, ?::text[], ?, ?, ?, ?, ?, ?, now(), ?)
                on conflict (product_id) do update set buying_journey = excluded.buying_journey,
                    path_to_inquiry = excluded.path_to_inquiry, goal = excluded.goal, scenario = excluded.scenario,
                    kpi_new_leads = excluded.kpi_new_leads, kpi_hand_offs = excluded.kpi_hand_offs,
                    target_win_rate = excluded.target_win_rate, updated_at = now(), updated_by = excluded.updated_by""")
                .params(plan.productId(), "{" + String.join(",", plan.buyingJourney().stream().map(Enum::name).toList())
                        + "}", plan.pathToInquiry(), plan.goal(), plan.scenario(), plan.kpiNewLeads(),
                        plan.kpiHandOffs(), plan.targetWinRate(), actorId)
                .update();
        audit.record(AuditAction.NURTURE_PLAN_SAVED, "PRODUCT", plan.productId(), plan.productId(),
                Map.of("targetWinRate", plan.targetWinRate()), actorId);
        return find(plan.productId());
    }

    private static NurturePlan plan(ResultSet rs, int row) throws SQLException {
        Array journey = rs.getArray(2);
        return new NurturePlan(rs.getLong(1), Arrays.stream((String[]) journey.getArray()).map(Channel::valueOf).toList(),
                rs.getString(3), rs.getString(4), rs.getString(5), (Integer) rs.getObject(6),
                (Integer) rs.getObject(7), rs.getInt(8));
    }
}
