package jp.nurture.leads.core.campaign;

import java.time.Instant;
import java.util.List;

/** A product's nurture program: how leads enter, whether it runs, and its steps in order. */
public record NurtureProgram(long id, long productId, String name, NurtureEntry entry, Long entrySegmentId,
        Instant startsAt, boolean active, List<NurtureStep> steps) {
}
