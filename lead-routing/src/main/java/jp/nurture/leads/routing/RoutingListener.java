package jp.nurture.leads.routing;

import java.util.List;
import jp.nurture.leads.core.lead.LeadBecameHot;
import jp.nurture.leads.core.lead.LeadStageChanged;
import jp.nurture.leads.core.lead.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts routing after the change that calls for it has committed: a lead converted by inside sales, or a lead
 * scoring marked hot where the product routes hot leads directly. A routing that throws is kept for retry.
 */
@Component
class RoutingListener {

    private static final Logger log = LoggerFactory.getLogger(RoutingListener.class);

    private final RoutingService routing;

    RoutingListener(RoutingService routing) {
        this.routing = routing;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(LeadStageChanged change) {
        if (change.to() == Stage.CONVERTED) {
            route(change.leadId(), Trigger.CONVERTED);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(LeadBecameHot hot) {
        route(hot.leadId(), Trigger.HOT);
    }

    private void route(Long leadId, Trigger trigger) {
        try {
            routing.routeNow(List.of(leadId), trigger);
        } catch (RuntimeException e) {
            log.error("Routing lead {} ({}) failed; kept for retry", leadId, trigger, e);
            try {
                routing.recordFailure(leadId, trigger, e.toString());
            } catch (RuntimeException again) {
                log.error("Could not even record the routing failure of lead {}", leadId, again);
            }
        }
    }
}
