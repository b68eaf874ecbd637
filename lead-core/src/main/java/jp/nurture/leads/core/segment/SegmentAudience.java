package jp.nurture.leads.core.segment;

import java.util.List;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A saved segment as a campaign audience. Large sends should use {@link #sql} inside their own set-based statement
 * ({@code insert into campaign_member select ?, s.id from (<sql>) s}) rather than load every id.
 */
@Service
@Transactional(readOnly = true)
public class SegmentAudience {

    private final Segments segments;
    private final JdbcClient jdbc;

    SegmentAudience(Segments segments, JdbcClient jdbc) {
        this.segments = segments;
        this.jdbc = jdbc;
    }

    /** The ids of the segment's leads now (the frozen list, or the dynamic conditions evaluated now). */
    public List<Long> leadIds(long segmentId) {
        SegmentSql sql = sql(segmentId);
        return jdbc.sql(sql.sql() + " order by 1").params(sql.params()).query(Long.class).list();
    }

    /** The SQL selecting the segment's lead ids, for embedding in a set-based statement. */
    public SegmentSql sql(long segmentId) {
        return segments.sql(segments.get(segmentId), ProductScope.all());
    }
}
