package jp.nurture.leads.core.segment;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.lead.Stage;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Builds, counts, saves and freezes segments; every count runs the one compiled query. */
@Service
@Transactional(readOnly = true)
public class Segments {

    static final int MAX_NAME = 200;
    /** A live count that takes longer than this is cut off rather than holding a connection. */
    static final String COUNT_TIMEOUT = "set local statement_timeout = 15000";
    /**
     * JIT compilation of these plans costs more than it saves: counts are index scans and hash joins that finish
     * in well under a second, while compiling them took seconds on a busy machine.
     */
    static final String NO_JIT = "set local jit = off";

    private final JdbcClient jdbc;
    private final SegmentCompiler compiler;
    private final JsonMapper json;
    private final Clock clock;

    Segments(JdbcClient jdbc, SegmentCompiler compiler, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.compiler = compiler;
        this.json = json;
        this.clock = clock;
    }

    /** How many leads within the scope match the conditions right now. */
    public long count(Condition definition, ProductScope scope) {
        return run(compiler.compile(definition, scope).count());
    }

    /** How many leads within the scope a saved segment has (its members, once frozen). */
    public long count(long segmentId, ProductScope scope) {
        return run(sql(get(segmentId), scope).count());
    }

    /** The query selecting the saved segment's lead ids within the scope. */
    public SegmentSql sql(Segment segment, ProductScope scope) {
        if (!segment.frozen()) {
            return compiler.compile(segment.definition(), scope);
        }
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("""
                select l.id from segment_member m join lead l on l.id = m.lead_id
                where m.segment_id = ?""");
        params.add(segment.id());
        if (scope.sqlFilter() != null) {
            sql.append(" and l.product_id = any(?)");
            params.add(scope.sqlFilter());
        }
        return new SegmentSql(sql.toString(), params);
    }

    public List<Segment> list() {
        return jdbc.sql("select id, name, definition, frozen_at, updated_at, version from segment order by name, id")
                .query((rs, n) -> segment(rs)).list();
    }

    public Segment get(long id) {
        return jdbc.sql("select id, name, definition, frozen_at, updated_at, version from segment where id = ?")
                .param(id).query((rs, n) -> segment(rs)).optional()
                .orElseThrow(() -> new SegmentNotFound(id));
    }

    /** Saves a new dynamic segment after checking that its conditions compile. */
    @Transactional
    public long create(String name, Condition definition, Long userId) {
        compiler.compile(definition, ProductScope.all());
        return jdbc.sql("""
                insert into segment (name, definition, created_by) values (?, cast(? as jsonb), ?) returning id""")
                .params(name(name), json.writeValueAsString(definition), userId).query(Long.class).single();
    }

    /** Replaces a dynamic segment's name and conditions; a frozen segment's list cannot change. */
    @Transactional
    public void update(long id, String name, Condition definition) {
        Segment segment = get(id);
        if (segment.frozen()) {
            throw new InvalidSegment("segment.invalid.frozen");
        }
        compiler.compile(definition, ProductScope.all());
        jdbc.sql("""
                update segment set name = ?, definition = cast(? as jsonb), updated_at = ?, version = version + 1
                where id = ?""")
                .params(name(name), json.writeValueAsString(definition), Timestamp.from(clock.instant()), id).update();
    }

    /** Freezes a segment into a static list of the leads it has now (set-based, one statement). */
    @Transactional
    public long freeze(long id) {
        Segment segment = jdbc.sql("""
                select id, name, definition, frozen_at, updated_at, version from segment where id = ? for update""")
                .param(id).query((rs, n) -> segment(rs)).optional().orElseThrow(() -> new SegmentNotFound(id));
        if (segment.frozen()) {
            throw new InvalidSegment("segment.invalid.frozen");
        }
        SegmentSql members = compiler.compile(segment.definition(), ProductScope.all());
        List<Object> params = new ArrayList<>();
        params.add(id);
        params.addAll(members.params());
        int added = jdbc.sql("insert into segment_member (segment_id, lead_id) select ?, s.id from (" + members.sql()
                + ") s").params(params).update();
        jdbc.sql("update segment set frozen_at = ?, updated_at = ?, version = version + 1 where id = ?")
                .params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), id).update();
        return added;
    }

    @Transactional
    public void delete(long id) {
        jdbc.sql("delete from segment where id = ?").param(id).update();
    }

    /**
     * The preset for seed 003's dormant leads: no activity for {@code days} days, or parked as dormant or
     * disqualified at least that long ago — the ones worth re-nurturing.
     */
    public static Condition dormant(int days) {
        Condition parked = new Condition.Group(Condition.Junction.ALL, List.of(
                new Condition.Group(Condition.Junction.ANY, List.of(
                        new Condition.FieldIs(SegmentField.LEAD_STAGE, SegmentOperator.EQUALS, Stage.DORMANT.name()),
                        new Condition.FieldIs(SegmentField.LEAD_STAGE, SegmentOperator.EQUALS,
                                Stage.DISQUALIFIED.name()))),
                new Condition.FieldIs(SegmentField.LEAD_STAGE_CHANGED, SegmentOperator.MORE_THAN_DAYS_AGO,
                        String.valueOf(days))));
        return new Condition.Group(Condition.Junction.ALL, List.of(new Condition.Group(Condition.Junction.ANY,
                List.of(new Condition.Inactive(days), parked))));
    }

    /** Seed 001: "attended last year's exhibition AND viewed our site in the last month", for one product. */
    public static Condition exhibitionThenWeb(long productId) {
        return new Condition.Group(Condition.Junction.ALL, List.of(
                new Condition.FieldIs(SegmentField.LEAD_PRODUCT, SegmentOperator.EQUALS, String.valueOf(productId)),
                new Condition.HasActivity(ActivityType.EXHIBITION_ATTENDED, null, null, null, null, null, 1,
                        Condition.Window.lastCalendarYear()),
                new Condition.HasActivity(ActivityType.PAGE_VIEWED, null, null, null, null, null, 1,
                        Condition.Window.lastDays(30))));
    }

    /** Seed 003: "viewed 5 or more pages about the topic in the last 3 months", for one product. */
    public static Condition topicReader(long productId, String topic) {
        return new Condition.Group(Condition.Junction.ALL, List.of(
                new Condition.FieldIs(SegmentField.LEAD_PRODUCT, SegmentOperator.EQUALS, String.valueOf(productId)),
                new Condition.HasActivity(ActivityType.PAGE_VIEWED, null, topic, null, null, null, 5,
                        Condition.Window.lastDays(90))));
    }

    Condition parse(String definition) {
        return json.readValue(definition, Condition.class);
    }

    private long run(SegmentSql sql) {
        jdbc.sql(COUNT_TIMEOUT).update();
        jdbc.sql(NO_JIT).update();
        return jdbc.sql(sql.sql()).params(sql.params()).query(Long.class).single();
    }

    private Segment segment(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp frozen = rs.getTimestamp(4);
        return new Segment(rs.getLong(1), rs.getString(2), parse(rs.getString(3)),
                frozen == null ? null : frozen.toInstant(), rs.getTimestamp(5).toInstant(), rs.getLong(6));
    }

    private static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new InvalidSegment("segment.invalid.name");
        }
        if (n.length() > MAX_NAME) {
            throw new InvalidSegment("segment.invalid.valueTooLong", MAX_NAME);
        }
        return n;
    }
}
