package jp.nurture.leads;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries of the design card, enforced: lead-core depends on no other module; lead-scoring and
 * lead-routing depend on lead-core only; only lead-web may use them all. Spring Modulith also checks that modules
 * use each other's public API (base package and named interfaces) and that there are no cycles.
 */
class ModularityTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/testsupport/"))
                .importPackages("jp.nurture.leads");
    }

    @Test
    void coreKnowsNothingOfTheOtherModules() {
        noClasses().that().resideInAPackage("jp.nurture.leads.core..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.nurture.leads.scoring..",
                        "jp.nurture.leads.routing..", "jp.nurture.leads.web..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void scoringAndRoutingDependOnCoreOnly() {
        noClasses().that().resideInAPackage("jp.nurture.leads.scoring..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.nurture.leads.routing..", "jp.nurture.leads.web..")
                .allowEmptyShould(true) // filled by the scoring issue
                .check(classes);
        noClasses().that().resideInAPackage("jp.nurture.leads.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("jp.nurture.leads.scoring..", "jp.nurture.leads.web..")
                .allowEmptyShould(true) // filled by the routing issue
                .check(classes);
    }

    @Test
    void coreFeaturesHaveNoCycles() {
        slices().matching("jp.nurture.leads.core.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void modulesUseOnlyEachOthersPublicApi() {
        ApplicationModules modules = ApplicationModules.of(LeadsApplication.class);
        modules.verify();
        new Documenter(modules).writeModulesAsPlantUml();
    }
}
