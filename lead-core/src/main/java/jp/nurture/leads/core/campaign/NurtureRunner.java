package jp.nurture.leads.core.campaign;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.lead.InvalidStageTransition;
import jp.nurture.leads.core.lead.LeadService;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.segment.SegmentAudience;
import jp.nurture.leads.core.segment.SegmentSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the nurture programs on the application's clock. Entry: segment programs take in new matching leads,
 * schedule programs their segment once when the start time has come. Then every enrollment that is due is claimed
 * with {@code FOR UPDATE SKIP LOCKED}, and its steps run up to the next wait in the same transaction that moves
 * its position — so two instances, or a restart half-way, neither skip nor repeat a step (an email step's message
 * is unique per send × lead besides). A lead leaves when it turns hot, converts or has opted out.
 */
@Service
public class NurtureRunner {

    private static final Logger log = LoggerFactory.getLogger(NurtureRunner.class);
    private static final int BATCH = 200;
    /** A branch loop that never reaches a wait stops here for this round instead of spinning. */
    private static final int MOST_STEPS_PER_ROUND = 50;

    private final JdbcClient jdbc;
    private final NurturePrograms programs;
    private final EmailSends sends;
    private final SegmentAudience audiences;
    private final LeadService leads;
    private final ActivityLog activities;
    private final TransactionTemplate tx;
    private final TransactionTemplate stageChange;
    private final Clock clock;
    private final EmailProperties properties;
    private final ApplicationEventPublisher events;

    NurtureRunner(JdbcClient jdbc, NurturePrograms programs, EmailSends sends, SegmentAudience audiences,
            LeadService leads, ActivityLog activities, PlatformTransactionManager transactions, Clock clock,
            EmailProperties properties, ApplicationEventPublisher events) {
        this.properties = properties;
        this.events = events;
        this.jdbc = jdbc;
        this.programs = programs;
        this.sends = sends;
        this.audiences = audiences;
        this.leads = leads;
        this.activities = activities;
        this.tx = new TransactionTemplate(transactions);
        this.stageChange = new TransactionTemplate(transactions);
        this.stageChange.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${leads.email.poll-every:PT5S}", initialDelayString = "PT25S")
    void poll() {
        if (properties.polling()) {
            run();
        }
    }

    /** One round: entries, then every due step; returns how many enrollments moved. */
    public int run() {
        enter();
        int moved = 0;
        while (true) {
            Integer n = tx.execute(status -> advanceBatch());
            if (n == null || n == 0) {
                return moved;
            }
            moved += n;
        }
    }

    private void enter() {
        List<Long> due = jdbc.sql("""
                select id from nurture_program where active and entry_segment_id is not null
                and (entry = 'SEGMENT' or (entry = 'SCHEDULE' and entered_once_at is null and starts_at <= ?))""")
                .param(Timestamp.from(clock.instant())).query(Long.class).list();
        for (long programId : due) {
            tx.executeWithoutResult(status -> enterProgram(programId));
        }
    }

    private void enterProgram(long programId) {
        // The program row is the lock: one instance evaluates a program's segment at a time.
        var row = jdbc.sql("""
                select product_id, entry_segment_id, entry from nurture_program where id = ? and active
                for update skip locked""")
                .param(programId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)}).optional();
        if (row.isEmpty()) {
            return;
        }
        long productId = (Long) row.get()[0];
        SegmentSql members = audiences.sql((Long) row.get()[1]);
        Timestamp now = Timestamp.from(clock.instant());
        List<Object> params = new ArrayList<>();
        params.add(programId);
        params.add(now);
        params.add(now);
        params.add(now);
        params.addAll(members.params());
        params.add(productId);
        jdbc.sql("insert into nurture_enrollment (program_id, lead_id, next_run_at, entered_at, updated_at)"
                        + " select ?, s.id, ?, ?, ? from (" + members.sql() + ") s join lead nl on nl.id = s.id"
                        + " where nl.product_id = ? on conflict do nothing")
                .params(params).update();
        if ("SCHEDULE".equals(row.get()[2])) {
            jdbc.sql("update nurture_program set entered_once_at = ? where id = ?").params(now, programId).update();
        }
    }

    private int advanceBatch() {
        Instant now = clock.instant();
        List<long[]> due = jdbc.sql("""
                select e.program_id, e.lead_id, e.position from nurture_enrollment e
                join nurture_program p on p.id = e.program_id
                where e.status = 'ACTIVE' and e.next_run_at <= ? and p.active
                order by e.next_run_at limit ? for update of e skip locked""")
                .params(Timestamp.from(now), BATCH)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list();
        for (long[] enrollment : due) {
            advance(enrollment[0], enrollment[1], (int) enrollment[2], now);
        }
        return due.size();
    }

    private void advance(long programId, long leadId, int position, Instant now) {
        NurtureProgram program = programs.get(programId, ProductScope.all());
        String exit = exitReason(leadId, program.productId());
        if (exit != null) {
            finish(programId, leadId, position, "EXITED", exit, now);
            return;
        }
        for (int i = 0; i < MOST_STEPS_PER_ROUND; i++) {
            if (position < 0 || position >= program.steps().size()) {
                finish(programId, leadId, position, "DONE", null, now);
                return;
            }
            NurtureStep step = program.steps().get(position);
            switch (step.kind()) {
                case SEND_EMAIL -> {
                    long sendId = sends.forProgramStep(programId, position, step.number("templateId"));
                    jdbc.sql("""
                            insert into email_outbox (send_id, lead_id, next_attempt_at, created_at)
                            values (?, ?, ?, ?) on conflict do nothing""")
                            .params(sendId, leadId, Timestamp.from(now), Timestamp.from(now)).update();
                    position++;
                }
                case WAIT -> {
                    // The wait is served by moving past it now and sleeping until it is over.
                    moveTo(programId, leadId, position + 1, now.plus(Duration.ofDays(step.number("days"))), now);
                    return;
                }
                case BRANCH -> position = (int) (holds(step, programId, leadId) ? step.number("then")
                        : step.number("else"));
                case ADD_TO_CAMPAIGN -> {
                    jdbc.sql("""
                            insert into campaign_member (campaign_id, lead_id, source) values (?, ?, ?)
                            on conflict do nothing""")
                            .params(step.number("campaignId"), leadId, "program:" + programId).update();
                    position++;
                }
                case NOTIFY_OWNER -> {
                    notifyOwner(program, leadId, position, now);
                    position++;
                }
                case CHANGE_STAGE -> {
                    changeStage(leadId, Stage.valueOf(step.text("stage")), program.name());
                    position++;
                }
                case STOP -> {
                    finish(programId, leadId, position, "DONE", null, now);
                    return;
                }
            }
        }
        // A branch loop without a wait: look again later rather than spin.
        moveTo(programId, leadId, position, now.plus(Duration.ofHours(1)), now);
    }

    /**
     * The note on the timeline always; the e-mail to the owner only when there is one with an address, and the note
     * says which. The notice is published in this transaction, so it goes exactly when the step is done.
     */
    private void notifyOwner(NurtureProgram program, long leadId, int position, Instant now) {
        OwnerNotice notice = jdbc.sql("""
                select u.email, u.display_name, p.full_name, coalesce(c.name, ''), pr.name
                from lead l join person p on p.id = l.person_id left join company c on c.id = p.company_id
                join product pr on pr.id = l.product_id left join app_user u on u.id = l.owner_id
                where l.id = ?""")
                .param(leadId)
                .query((rs, n) -> new OwnerNotice(leadId, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), program.name()))
                .single();
        String prefix = "ナーチャープログラム「" + program.name() + "」: ";
        String note;
        if (notice.ownerName() == null) {
            note = prefix + "担当者が未設定のため、通知メールは送っていません";
        } else if (notice.ownerEmail() == null || notice.ownerEmail().isBlank()) {
            note = prefix + "担当者 " + notice.ownerName() + " にメールアドレスがないため、通知メールは送っていません";
        } else {
            note = prefix + "担当者 " + notice.ownerName() + " にメールで通知";
            events.publishEvent(notice);
        }
        activities.record(new NewActivity(leadId, program.productId(), ActivityType.NOTE, now, null,
                Map.of("note", note, "programId", program.id(), "step", position)));
    }

    private void changeStage(long leadId, Stage stage, String programName) {
        // Its own transaction: a move the stage rules refuse must not roll back the rest of the batch.
        try {
            stageChange.executeWithoutResult(status -> {
                long version = jdbc.sql("select version from lead where id = ?").param(leadId).query(Long.class)
                        .single();
                leads.moveStage(leadId, version, stage, "nurture program: " + programName, null, ProductScope.all());
            });
        } catch (InvalidStageTransition | jp.nurture.leads.core.lead.ConcurrentLeadChange e) {
            log.info("Nurture program could not move lead {} to {}: {}", leadId, stage, e.getMessage());
        }
    }

    private boolean holds(NurtureStep step, long programId, long leadId) {
        BranchCondition condition = BranchCondition.valueOf(step.text("condition"));
        return switch (condition) {
            case OPENED, CLICKED -> jdbc.sql("""
                    select exists (select 1 from email_event e join email_outbox o on o.id = e.outbox_id
                                   join email_send s on s.id = o.send_id
                                   where s.program_id = ? and s.step_position = ? and o.lead_id = ? and e.kind = ?)""")
                    .params(programId, step.number("step"), leadId, condition == BranchCondition.OPENED ? "OPEN" : "CLICK")
                    .query(Boolean.class).single();
            case SCORE_AT_LEAST -> jdbc.sql("select score >= ? from lead where id = ?")
                    .params(step.number("value"), leadId).query(Boolean.class).single();
            case STAGE -> jdbc.sql("select stage = ? from lead where id = ?").params(step.text("value"), leadId)
                    .query(Boolean.class).single();
            case IN_SEGMENT -> {
                SegmentSql members = audiences.sql(step.number("value"));
                List<Object> params = new ArrayList<>(members.params());
                params.add(leadId);
                yield jdbc.sql("select exists (select 1 from (" + members.sql() + ") s where s.id = ?)")
                        .params(params).query(Boolean.class).single();
            }
        };
    }

    /** Why the lead leaves the program now, or null: hot, converted, or opted out of the product's email. */
    private String exitReason(long leadId, long productId) {
        String reason = jdbc.sql("""
                select case
                    when l.hot then 'HOT'
                    when l.stage = 'CONVERTED' then 'CONVERTED'
                    when p.email is null
                         or exists (select 1 from email_suppression s
                                    where s.email_hash = sha256(convert_to(p.email, 'UTF8')))
                         or (exists (select 1 from consent c join email_type t on t.id = c.email_type_id
                                     where c.person_id = p.id and t.product_id = ? and c.status = 'WITHDRAWN')
                             and not exists (select 1 from consent c join email_type t on t.id = c.email_type_id
                                             where c.person_id = p.id and t.product_id = ? and c.status = 'GRANTED'))
                        then 'OPTED_OUT'
                    else ''
                end
                from lead l join person p on p.id = l.person_id where l.id = ?""")
                .params(productId, productId, leadId).query(String.class).optional().orElse("GONE");
        return reason.isEmpty() ? null : reason;
    }

    private void moveTo(long programId, long leadId, int position, Instant nextRun, Instant now) {
        jdbc.sql("""
                update nurture_enrollment set position = ?, next_run_at = ?, updated_at = ?
                where program_id = ? and lead_id = ?""")
                .params(position, Timestamp.from(nextRun), Timestamp.from(now), programId, leadId).update();
    }

    private void finish(long programId, long leadId, int position, String status, String reason, Instant now) {
        jdbc.sql("""
                update nurture_enrollment set position = ?, status = ?, exit_reason = ?, updated_at = ?
                where program_id = ? and lead_id = ?""")
                .params(position, status, reason, Timestamp.from(now), programId, leadId).update();
    }
}
