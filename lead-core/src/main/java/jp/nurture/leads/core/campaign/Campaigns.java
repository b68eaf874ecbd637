package jp.nurture.leads.core.campaign;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.product.ProductScope;
import jp.nurture.leads.core.segment.SegmentAudience;
import jp.nurture.leads.core.segment.SegmentSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns per product: create, list, members from a segment or a list of leads, member status (attendance goes
 * on the timeline) and costs. Every read takes the user's product scope; another product's campaign is not found.
 */
@Service
@Transactional(readOnly = true)
public class Campaigns {

    private static final String COLUMNS = """
            c.id, c.product_id, c.name, c.channel, c.goal, c.starts_on, c.ends_on, c.budget_yen, c.owner_id,
            c.status, c.send_rate_per_minute,
            coalesce((select sum(amount_yen) from campaign_cost k where k.campaign_id = c.id), 0),
            (select count(*) from campaign_member m where m.campaign_id = c.id)""";

    private final JdbcClient jdbc;
    private final SegmentAudience audiences;
    private final ActivityLog activities;
    private final Clock clock;

    Campaigns(JdbcClient jdbc, SegmentAudience audiences, ActivityLog activities, Clock clock) {
        this.jdbc = jdbc;
        this.audiences = audiences;
        this.activities = activities;
        this.clock = clock;
    }

    public List<Campaign> list(ProductScope scope) {
        return jdbc.sql("select " + COLUMNS + " from campaign c where (?::bigint[] is null or c.product_id = any(?))"
                        + " order by c.id desc")
                .params(scope.sqlFilter(), scope.sqlFilter()).query(Campaigns::campaign).list();
    }

    public Campaign get(long id, ProductScope scope) {
        return jdbc.sql("select " + COLUMNS + " from campaign c where c.id = ?").param(id)
                .query(Campaigns::campaign).optional().filter(c -> scope.allows(c.productId()))
                .orElseThrow(() -> new CampaignNotFound("campaign", id));
    }

    @Transactional
    public long create(NewCampaign input, ProductScope scope) {
        if (!scope.allows(input.productId())) {
            throw new InvalidCampaignInput("campaign.invalid.product");
        }
        String name = Texts.required(input.name(), 200, "campaign.invalid.name");
        if (input.channel() == null) {
            throw new InvalidCampaignInput("campaign.invalid.channel");
        }
        if (input.startsOn() != null && input.endsOn() != null && input.endsOn().isBefore(input.startsOn())) {
            throw new InvalidCampaignInput("campaign.invalid.period");
        }
        if (input.budgetYen() != null && input.budgetYen() < 0) {
            throw new InvalidCampaignInput("campaign.invalid.budget");
        }
        if (input.sendRatePerMinute() != null && input.sendRatePerMinute() <= 0) {
            throw new InvalidCampaignInput("campaign.invalid.rate");
        }
        return jdbc.sql("""
                insert into campaign (product_id, name, channel, goal, starts_on, ends_on, budget_yen, owner_id,
                                      send_rate_per_minute)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(input.productId(), name, input.channel().name(), Texts.optional(input.goal(), 1000),
                        input.startsOn() == null ? null : Date.valueOf(input.startsOn()),
                        input.endsOn() == null ? null : Date.valueOf(input.endsOn()), input.budgetYen(),
                        input.ownerId(), input.sendRatePerMinute())
                .query(Long.class).single();
    }

    @Transactional
    public void changeStatus(long id, CampaignStatus status, ProductScope scope) {
        get(id, scope);
        jdbc.sql("update campaign set status = ? where id = ?").params(status.name(), id).update();
    }

    /** Adds the segment's leads of the campaign's product (one statement); returns how many were new. */
    @Transactional
    public int addSegment(long campaignId, long segmentId, ProductScope scope) {
        Campaign campaign = get(campaignId, scope);
        SegmentSql members = audiences.sql(segmentId);
        List<Object> params = new ArrayList<>();
        params.add(campaignId);
        params.add("segment:" + segmentId);
        params.addAll(members.params());
        params.add(campaign.productId());
        return jdbc.sql("insert into campaign_member (campaign_id, lead_id, source) select ?, s.id, ? from ("
                        + members.sql() + ") s join lead ml on ml.id = s.id where ml.product_id = ?"
                        + " on conflict do nothing")
                .params(params).update();
    }

    /**
     * Adds the leads an import of the campaign's product brought in or touched — an exhibition's visitor list
     * becomes the follow-up campaign's audience (one statement; the import's activities name their job).
     */
    @Transactional
    public int addImport(long campaignId, long importJobId, ProductScope scope) {
        Campaign campaign = get(campaignId, scope);
        return jdbc.sql("""
                insert into campaign_member (campaign_id, lead_id, source)
                select distinct ?, a.lead_id, ? from import_job j
                join activity a on a.product_id = j.product_id and a.detail ->> 'import' = ?
                where j.id = ? and j.product_id = ?
                on conflict do nothing""")
                .params(campaignId, "import:" + importJobId, String.valueOf(importJobId), importJobId,
                        campaign.productId())
                .update();
    }

    /** Adds leads given one by one (a static list); leads of other products are left out. */
    @Transactional
    public int addLeads(long campaignId, List<Long> leadIds, String source, ProductScope scope) {
        Campaign campaign = get(campaignId, scope);
        return jdbc.sql("""
                insert into campaign_member (campaign_id, lead_id, source)
                select ?, l.id, ? from lead l where l.id = any(?) and l.product_id = ?
                on conflict do nothing""")
                .params(campaignId, Texts.optional(source, 200) == null ? "list" : Texts.optional(source, 200),
                        leadIds.toArray(Long[]::new), campaign.productId())
                .update();
    }

    /** Moves a member on; attending a seminar or an exhibition goes on the lead's timeline, where scoring sees it. */
    @Transactional
    public void setMemberStatus(long campaignId, long leadId, MemberStatus status, Long actorId, ProductScope scope) {
        Campaign campaign = get(campaignId, scope);
        int changed = jdbc.sql("update campaign_member set status = ? where campaign_id = ? and lead_id = ?"
                        + " and status <> ?")
                .params(status.name(), campaignId, leadId, status.name()).update();
        if (changed == 0 || status != MemberStatus.ATTENDED) {
            return;
        }
        ActivityType attended = switch (campaign.channel()) {
            case SEMINAR -> ActivityType.SEMINAR_ATTENDED;
            case EXHIBITION -> ActivityType.EXHIBITION_ATTENDED;
            default -> null;
        };
        if (attended != null) {
            activities.record(new NewActivity(leadId, campaign.productId(), attended, clock.instant(), actorId,
                    Map.of("campaignId", campaignId, "campaign", campaign.name())));
        }
    }

    public List<CampaignMember> members(long campaignId, int limit, ProductScope scope) {
        get(campaignId, scope);
        return jdbc.sql("""
                select m.lead_id, p.full_name, coalesce(c.name, ''), coalesce(p.email, ''), m.status, m.source
                from campaign_member m join lead l on l.id = m.lead_id join person p on p.id = l.person_id
                left join company c on c.id = p.company_id
                where m.campaign_id = ? order by m.lead_id limit ?""")
                .params(campaignId, limit)
                .query((rs, n) -> new CampaignMember(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), MemberStatus.valueOf(rs.getString(5)), rs.getString(6)))
                .list();
    }

    @Transactional
    public void addCost(long campaignId, java.time.LocalDate spentOn, String description, Long amountYen,
            ProductScope scope) {
        get(campaignId, scope);
        if (spentOn == null || amountYen == null || amountYen < 0) {
            throw new InvalidCampaignInput("campaign.invalid.cost");
        }
        jdbc.sql("insert into campaign_cost (campaign_id, spent_on, description, amount_yen) values (?, ?, ?, ?)")
                .params(campaignId, Date.valueOf(spentOn), Texts.required(description, 200, "campaign.invalid.cost"),
                        amountYen)
                .update();
    }

    public List<CampaignCost> costs(long campaignId, ProductScope scope) {
        get(campaignId, scope);
        return jdbc.sql("select id, spent_on, description, amount_yen from campaign_cost where campaign_id = ?"
                        + " order by spent_on, id")
                .param(campaignId)
                .query((rs, n) -> new CampaignCost(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3),
                        rs.getLong(4)))
                .list();
    }

    private static Campaign campaign(ResultSet rs, int row) throws SQLException {
        Date starts = rs.getDate(6);
        Date ends = rs.getDate(7);
        return new Campaign(rs.getLong(1), rs.getLong(2), rs.getString(3), CampaignChannel.valueOf(rs.getString(4)),
                rs.getString(5), starts == null ? null : starts.toLocalDate(), ends == null ? null : ends.toLocalDate(),
                (Long) rs.getObject(8), (Long) rs.getObject(9), CampaignStatus.valueOf(rs.getString(10)),
                (Integer) rs.getObject(11), rs.getLong(12), rs.getLong(13));
    }
}
