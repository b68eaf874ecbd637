package jp.nurture.leads.core.product;

import java.util.Collection;
import java.util.Set;

/**
 * The products a user may see. A user limited to some products sees nothing of the others, not even by id;
 * an unrestricted user sees every product.
 */
public record ProductScope(boolean unrestricted, Set<Long> productIds) {

    public ProductScope {
        productIds = Set.copyOf(productIds);
    }

    public static ProductScope all() {
        return new ProductScope(true, Set.of());
    }

    public static ProductScope only(Collection<Long> productIds) {
        return new ProductScope(false, Set.copyOf(productIds));
    }

    public boolean allows(Long productId) {
        return unrestricted || productIds.contains(productId);
    }

    /** The ids for an SQL {@code = any(?)} filter; null means no filter. */
    public Long[] sqlFilter() {
        return unrestricted ? null : productIds.toArray(Long[]::new);
    }
}
