package jp.nurture.leads.routing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An inside-sales user's today: follow-ups due, new hot leads, and hand-offs field sales gave back. */
public record TodayList(List<FollowUp> followUps, List<Item> newHot, List<Item> returned) {

    /** A follow-up task on a lead. */
    public record FollowUp(long id, long leadId, String personName, String companyName, LocalDate dueOn, String note,
            boolean overdue) {
    }

    /** A lead worth a look, with when and why. */
    public record Item(long leadId, String personName, String companyName, Instant at, String note) {
    }

    public boolean isEmpty() {
        return followUps.isEmpty() && newHot.isEmpty() && returned.isEmpty();
    }
}
