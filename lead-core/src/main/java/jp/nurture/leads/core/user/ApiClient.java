package jp.nurture.leads.core.user;

import java.io.Serial;
import java.io.Serializable;
import java.util.Set;
import jp.nurture.leads.core.product.ProductScope;

/** The system calling the API with a valid key: which key, and the products it may touch. */
public record ApiClient(long keyId, String name, Set<Long> productIds) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public ApiClient {
        productIds = Set.copyOf(productIds);
    }

    /** A key always names its products; a product outside them is "not found". */
    public ProductScope scope() {
        return ProductScope.only(productIds);
    }
}
