package jp.nurture.leads.core.audit;

import java.util.Optional;

/**
 * Who is acting right now, as the tier that knows it (the web tier's signed-in user) says. Without one, changes
 * are recorded as made by the system (scheduled jobs, public pages).
 */
public interface AuditActor {

    /** The acting user's id and name, if a user is acting. */
    Optional<Actor> current();

    record Actor(long id, String name) {
    }
}
