package jp.nurture.leads.core.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lead list and the stage board, written as SQL for PostgreSQL so they stay fast with a million leads:
 * keyset paging on the lead id, trigram indexes for free text, and only the parameters the user chose.
 */
@Service
@Transactional(readOnly = true)
public class LeadQueries {

    private static final String SELECT_ROW = """
            select l.id, l.person_id, p.full_name, c.name, p.email, l.product_id, pr.code, l.stage,
                   l.stage_changed_at, l.owner_id, u.display_name, l.score, l.hot,
                   (case when l.budget_yen is not null or coalesce(l.budget_note, '') <> '' then 1 else 0 end
                    + case when l.authority is not null and l.authority <> 'UNKNOWN' then 1 else 0 end
                    + case when coalesce(l.need, '') <> '' then 1 else 0 end
                    + case when l.timeframe is not null and l.timeframe <> 'UNDECIDED' then 1 else 0 end),
                   l.version
            from lead l
            join person p on p.id = l.person_id
            left join company c on c.id = p.company_id
            join product pr on pr.id = l.product_id
            left join app_user u on u.id = l.owner_id
            """;

    /**
     * Counts stop here: at a million leads an exact count of one product's stage (300,000 index entries) took
     * ~300 ms, capped at 1,000 the board's four counts take ~15 ms; nobody works a column by its exact size. Above
     * the cap the UI shows "1,000+". Exact figures per period are the dashboards' business.
     */
    public static final int COUNT_CAP = 1_000;

    private final JdbcClient jdbc;

    LeadQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of leads matching the filter, newest first. */
    public LeadPage list(LeadFilter filter, ProductScope scope, int pageSize) {
        StringBuilder sql = new StringBuilder(SELECT_ROW).append(" where true");
        List<Object> params = new ArrayList<>();
        if (scope.sqlFilter() != null) {
            sql.append(" and l.product_id = any(?)");
            params.add(scope.sqlFilter());
        }
        if (filter.productId() != null) {
            sql.append(" and l.product_id = ?");
            params.add(filter.productId());
        }
        if (filter.stage() != null) {
            sql.append(" and l.stage = ?");
            params.add(filter.stage().name());
        }
        if (filter.ownerId() != null) {
            sql.append(" and l.owner_id = ?");
            params.add(filter.ownerId());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            String like = "%" + escapeLike(filter.text().strip()) + "%";
            sql.append(" ").append("""
                    and l.person_id in (
                        select id from person where full_name ilike ? or email ilike ?
                        union
                        select pp.id from person pp join company cc on cc.id = pp.company_id where cc.name ilike ?)""");
            params.add(like);
            params.add(like);
            params.add(like);
        }
        if (filter.before() != null) {
            sql.append(" and l.id < ?");
            params.add(filter.before());
        }
        sql.append(" order by l.id desc limit ?");
        params.add(pageSize + 1);
        List<LeadRow> rows = jdbc.sql(sql.toString()).params(params).query(LeadQueries::row).list();
        if (rows.size() > pageSize) {
            List<LeadRow> page = rows.subList(0, pageSize);
            return new LeadPage(List.copyOf(page), page.get(pageSize - 1).leadId());
        }
        return new LeadPage(rows, null);
    }

    /** The board of one product: per stage column, the total and the best-scored cards (hot first). */
    public List<BoardColumn> board(long productId, int cardsPerColumn) {
        return board(productId, BoardFilter.none(), cardsPerColumn);
    }

    /** The board of one product narrowed by the filter: per column the total (up to the cap) and the best cards. */
    public List<BoardColumn> board(long productId, BoardFilter filter, int cardsPerColumn) {
        StringBuilder where = new StringBuilder(" where l.product_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(productId);
        if (filter.ownerId() != null) {
            where.append(" and l.owner_id = ?");
            params.add(filter.ownerId());
        }
        if (filter.minScore() != null) {
            where.append(" and l.score >= ?");
            params.add(filter.minScore());
        }
        if (filter.channel() != null) {
            where.append(" and l.source_channel = ?");
            params.add(filter.channel());
        }
        if (filter.hotOnly()) {
            where.append(" and l.hot");
        }
        List<BoardColumn> columns = new ArrayList<>();
        for (Stage stage : Stage.BOARD) {
            List<Object> countParams = new ArrayList<>(params);
            countParams.add(stage.name());
            countParams.add(COUNT_CAP + 1);
            long total = jdbc.sql("select count(*) from (select 1 from lead l" + where + " and l.stage = ? limit ?) c")
                    .params(countParams).query(Long.class).single();
            List<Object> cardParams = new ArrayList<>(params);
            cardParams.add(stage.name());
            cardParams.add(cardsPerColumn);
            List<LeadRow> cards = jdbc.sql(SELECT_ROW + where + " and l.stage = ? order by l.score desc, l.id desc limit ?")
                    .params(cardParams).query(LeadQueries::row).list();
            columns.add(new BoardColumn(stage, total, cards));
        }
        return columns;
    }

    /**
     * Lead counts per product and stage within the scope, for the home page; each count stops at
     * {@link #COUNT_CAP} + 1 (see {@link #COUNT_CAP}).
     */
    public Map<Long, Map<Stage, Long>> stageCounts(ProductScope scope) {
        Map<Long, Map<Stage, Long>> counts = new java.util.HashMap<>();
        jdbc.sql("""
                select pr.id, s.stage, (select count(*) from (select 1 from lead l
                                         where l.product_id = pr.id and l.stage = s.stage limit ?) capped)
                from product pr cross join unnest(?::varchar[]) s(stage)
                where (cast(? as bigint[]) is null or pr.id = any(?))""")
                .params(COUNT_CAP + 1, java.util.Arrays.stream(Stage.values()).map(Enum::name).toArray(String[]::new),
                        scope.sqlFilter(), scope.sqlFilter())
                .query((rs, n) -> counts.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(Stage.class))
                        .put(Stage.valueOf(rs.getString(2)), rs.getLong(3)))
                .list();
        return counts;
    }

    /** One row by lead id, without scope checks (callers check scope). */
    public LeadRow row(long leadId) {
        return jdbc.sql(SELECT_ROW + " where l.id = ?").param(leadId).query(LeadQueries::row).single();
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static LeadRow row(ResultSet rs, int n) throws SQLException {
        return new LeadRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), Stage.valueOf(rs.getString(8)), rs.getTimestamp(9).toInstant(),
                (Long) rs.getObject(10), rs.getString(11), rs.getInt(12), rs.getBoolean(13), rs.getInt(14),
                rs.getLong(15));
    }
}
