package jp.nurture.leads.core.product;

/** No such product, or the user may not see it; the two are deliberately indistinguishable. */
public class ProductNotFound extends RuntimeException {

    public ProductNotFound(Long id) {
        super("product " + id + " not found");
    }
}
