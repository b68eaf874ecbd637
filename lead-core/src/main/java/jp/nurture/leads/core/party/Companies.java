package jp.nurture.leads.core.party;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** All companies. */
public interface Companies extends JpaRepository<Company, Long> {

    List<Company> findByNormalizedName(String normalizedName);
}
