package jp.nurture.leads.core.product;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** All products. */
public interface Products extends JpaRepository<Product, Long> {

    Optional<Product> findByCode(String code);

    List<Product> findAllByOrderByCode();
}
