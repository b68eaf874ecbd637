package jp.nurture.leads.core.segment;

import java.time.Instant;

/**
 * A saved segment. Dynamic while {@code frozenAt} is null (its definition is evaluated on every use); once frozen
 * it is a static list of the leads it had at that moment.
 */
public record Segment(long id, String name, Condition definition, Instant frozenAt, Instant updatedAt, long version) {

    public boolean frozen() {
        return frozenAt != null;
    }
}
