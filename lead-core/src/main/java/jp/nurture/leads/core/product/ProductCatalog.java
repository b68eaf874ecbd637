package jp.nurture.leads.core.product;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and maintains products within a user's scope. */
@Service
@Transactional(readOnly = true)
public class ProductCatalog {

    private final Products products;

    ProductCatalog(Products products) {
        this.products = products;
    }

    public List<Product> visibleTo(ProductScope scope) {
        return products.findAllByOrderByCode().stream().filter(p -> scope.allows(p.getId())).toList();
    }

    public Product get(Long id, ProductScope scope) {
        if (id == null || !scope.allows(id)) {
            throw new ProductNotFound(id);
        }
        return products.findById(id).orElseThrow(() -> new ProductNotFound(id));
    }

    /** Creates a product; a code already in use is refused. */
    @Transactional
    public Product create(String code, String name, TargetDefinition target) {
        Product product = new Product(code, name, target);
        if (products.findByCode(product.getCode()).isPresent()) {
            throw new DuplicateProductCode(product.getCode());
        }
        return products.save(product);
    }

    @Transactional
    public Product update(Long id, String code, String name, boolean active, TargetDefinition target) {
        Product product = get(id, ProductScope.all());
        // Checked before the entity changes, so the query's auto-flush cannot trip the unique constraint.
        products.findByCode(new Product(code, name, target).getCode())
                .filter(other -> !other.getId().equals(id))
                .ifPresent(other -> {
                    throw new DuplicateProductCode(other.getCode());
                });
        product.rename(code, name);
        product.activate(active);
        product.redefineTarget(target);
        return product;
    }

    /** A product code is already used by another product. */
    public static class DuplicateProductCode extends RuntimeException {

        private final String code;

        public DuplicateProductCode(String code) {
            super("product code " + code + " is already in use");
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
