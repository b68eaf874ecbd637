package jp.nurture.leads.scoring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rule code is plain Java: no Spring, no JDBC, no JPA — it can be read and tested on its own. */
class RuleCodeIndependenceTest {

    @Test
    void theModelPackageUsesNoFramework() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.nurture.leads.scoring.model");
        noClasses().that().resideInAPackage("jp.nurture.leads.scoring.model..")
                .and().doNotHaveSimpleName("package-info")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "java.sql..", "javax.sql..", "org.tribuo..")
                .check(classes);
    }
}
