package jp.nurture.leads.web.security;

import java.util.Optional;
import jp.nurture.leads.core.audit.AuditActor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The audit log's actor: the signed-in user of the current request, if any. */
@Component
class SignedInAuditActor implements AuditActor {

    @Override
    public Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user && user.id() != null) {
            return Optional.of(new Actor(user.id(), user.getUsername()));
        }
        return Optional.empty();
    }
}
