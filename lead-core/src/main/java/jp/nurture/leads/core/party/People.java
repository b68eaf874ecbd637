package jp.nurture.leads.core.party;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** All people. */
public interface People extends JpaRepository<Person, Long> {

    Optional<Person> findByEmail(String normalizedEmail);

    default Optional<Person> findByAnyEmailSpelling(String email) {
        String normalized = JapaneseText.email(email);
        return normalized == null ? Optional.empty() : findByEmail(normalized);
    }
}
