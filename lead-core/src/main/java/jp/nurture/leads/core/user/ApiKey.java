package jp.nurture.leads.core.user;

import java.time.Instant;
import java.util.List;

/** An API key as the admin sees it in the list: never the secret, only its first characters. */
public record ApiKey(long id, String name, String hint, List<Long> productIds, String createdBy, Instant createdAt,
        Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
