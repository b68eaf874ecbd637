package jp.nurture.leads.core.lead;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

/** All leads. Lists and searches at volume go through {@link LeadQueries}, not this repository. */
public interface Leads extends JpaRepository<Lead, Long> {

    List<Lead> findByPersonIdOrderByProductId(Long personId);

    Optional<Lead> findByPersonIdAndProductId(Long personId, Long productId);

    /** Loads the lead so that its version goes up on commit even if only its person changed. */
    @Lock(LockModeType.OPTIMISTIC_FORCE_INCREMENT)
    Optional<Lead> findForUpdateById(Long id);
}
