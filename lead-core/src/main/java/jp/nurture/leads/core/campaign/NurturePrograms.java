package jp.nurture.leads.core.campaign;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityRecorded;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nurture programs as marketers build them: a program per product, steps appended in order and checked when
 * added, switched on and off, leads enrolled by hand or by a form submission, and each lead's position.
 */
@Service
@Transactional(readOnly = true)
public class NurturePrograms {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EmailTemplates templates;
    private final Campaigns campaigns;
    private final Clock clock;

    NurturePrograms(JdbcClient jdbc, JsonMapper json, EmailTemplates templates, Campaigns campaigns, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.templates = templates;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    public List<NurtureProgram> list(ProductScope scope) {
        return jdbc.sql("select id from nurture_program where (?::bigint[] is null or product_id = any(?)) order by id")
                .params(scope.sqlFilter(), scope.sqlFilter()).query(Long.class).list().stream()
                .map(id -> get(id, scope)).toList();
    }

    public NurtureProgram get(long id, ProductScope scope) {
        List<NurtureStep> steps = jdbc.sql("select position, kind, params from nurture_step where program_id = ?"
                        + " order by position")
                .param(id)
                .query((rs, n) -> new NurtureStep(rs.getInt(1), NurtureStepKind.valueOf(rs.getString(2)),
                        json.readValue(rs.getString(3), PARAMS)))
                .list();
        return jdbc.sql("""
                select id, product_id, name, entry, entry_segment_id, starts_at, active from nurture_program
                where id = ?""")
                .param(id)
                .query((rs, n) -> new NurtureProgram(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        NurtureEntry.valueOf(rs.getString(4)), (Long) rs.getObject(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getBoolean(7), steps))
                .optional().filter(p -> scope.allows(p.productId()))
                .orElseThrow(() -> new CampaignNotFound("program", id));
    }

    @Transactional
    public long create(long productId, String name, NurtureEntry entry, Long segmentId, Instant startsAt,
            ProductScope scope) {
        if (!scope.allows(productId)) {
            throw new InvalidCampaignInput("campaign.invalid.product");
        }
        if (entry == null) {
            throw new InvalidCampaignInput("nurture.invalid.entry");
        }
        if ((entry == NurtureEntry.SEGMENT || entry == NurtureEntry.SCHEDULE) && segmentId == null) {
            throw new InvalidCampaignInput("nurture.invalid.segment");
        }
        if (entry == NurtureEntry.SCHEDULE && startsAt == null) {
            throw new InvalidCampaignInput("nurture.invalid.startsAt");
        }
        return jdbc.sql("""
                insert into nurture_program (product_id, name, entry, entry_segment_id, starts_at)
                values (?, ?, ?, ?, ?) returning id""")
                .params(productId, Texts.required(name, 200, "nurture.invalid.name"), entry.name(), segmentId,
                        startsAt == null ? null : Timestamp.from(startsAt))
                .query(Long.class).single();
    }

    /** Appends a step after checking its settings; returns its position. */
    @Transactional
    public int addStep(long programId, NurtureStepKind kind, Map<String, Object> params, ProductScope scope) {
        NurtureProgram program = get(programId, scope);
        if (kind == null) {
            throw new InvalidCampaignInput("nurture.invalid.kind");
        }
        Map<String, Object> clean = new LinkedHashMap<>();
        NurtureStep step = new NurtureStep(program.steps().size(), kind, params);
        switch (kind) {
            case SEND_EMAIL -> {
                EmailTemplate template = templates.get(step.number("templateId"), scope);
                if (template.productId() != program.productId()) {
                    throw new InvalidCampaignInput("send.invalid.product");
                }
                clean.put("templateId", template.id());
            }
            case WAIT -> {
                long days = step.number("days");
                if (days < 0 || days > 3650) {
                    throw new InvalidCampaignInput("nurture.invalid.param", "days");
                }
                clean.put("days", days);
            }
            case BRANCH -> {
                BranchCondition condition;
                try {
                    condition = BranchCondition.valueOf(step.text("condition"));
                } catch (IllegalArgumentException e) {
                    throw new InvalidCampaignInput("nurture.invalid.param", "condition");
                }
                clean.put("condition", condition.name());
                switch (condition) {
                    case OPENED, CLICKED -> clean.put("step", step.number("step"));
                    case SCORE_AT_LEAST, IN_SEGMENT -> clean.put("value", step.number("value"));
                    case STAGE -> {
                        try {
                            clean.put("value", Stage.valueOf(step.text("value")).name());
                        } catch (IllegalArgumentException e) {
                            throw new InvalidCampaignInput("nurture.invalid.param", "value");
                        }
                    }
                }
                clean.put("then", step.number("then"));
                clean.put("else", step.number("else"));
            }
            case ADD_TO_CAMPAIGN -> {
                Campaign campaign = campaigns.get(step.number("campaignId"), scope);
                if (campaign.productId() != program.productId()) {
                    throw new InvalidCampaignInput("send.invalid.product");
                }
                clean.put("campaignId", campaign.id());
            }
            case CHANGE_STAGE -> {
                try {
                    clean.put("stage", Stage.valueOf(step.text("stage")).name());
                } catch (IllegalArgumentException e) {
                    throw new InvalidCampaignInput("nurture.invalid.param", "stage");
                }
            }
            case NOTIFY_OWNER, STOP -> {
            }
        }
        jdbc.sql("insert into nurture_step (program_id, position, kind, params) values (?, ?, ?, cast(? as jsonb))")
                .params(programId, step.position(), kind.name(), json.writeValueAsString(clean)).update();
        return step.position();
    }

    @Transactional
    public void activate(long programId, boolean active, ProductScope scope) {
        get(programId, scope);
        jdbc.sql("update nurture_program set active = ? where id = ?").params(active, programId).update();
    }

    /** Enrolls leads of the program's product that are not in it yet; returns how many joined. */
    @Transactional
    public int enroll(long programId, Collection<Long> leadIds, ProductScope scope) {
        NurtureProgram program = get(programId, scope);
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                insert into nurture_enrollment (program_id, lead_id, next_run_at, entered_at, updated_at)
                select ?, l.id, ?, ?, ? from lead l where l.id = any(?) and l.product_id = ?
                on conflict do nothing""")
                .params(programId, now, now, now, leadIds.toArray(Long[]::new), program.productId()).update();
    }

    public List<NurturePosition> positions(long programId, int limit, ProductScope scope) {
        get(programId, scope);
        return jdbc.sql("""
                select e.lead_id, p.full_name, e.position, e.status, e.exit_reason, e.next_run_at, e.entered_at
                from nurture_enrollment e join lead l on l.id = e.lead_id join person p on p.id = l.person_id
                where e.program_id = ? order by e.entered_at, e.lead_id limit ?""")
                .params(programId, limit)
                .query((rs, n) -> new NurturePosition(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** A lead who submits a form joins the running form-entry programs of the product, in the same transaction. */
    @EventListener
    @Transactional
    public void onActivity(ActivityRecorded event) {
        if (event.type() != ActivityType.FORM_SUBMITTED) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into nurture_enrollment (program_id, lead_id, next_run_at, entered_at, updated_at)
                select p.id, ?, ?, ?, ? from nurture_program p
                where p.product_id = ? and p.active and p.entry = 'FORM_SUBMITTED'
                on conflict do nothing""")
                .params(event.leadId(), now, now, now, event.productId()).update();
    }
}
