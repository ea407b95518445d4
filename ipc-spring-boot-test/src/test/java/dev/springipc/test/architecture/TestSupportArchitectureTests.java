package dev.springipc.test.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * DESIGN.md's rules, applied to the test support: it uses the core only through its public types,
 * the starter's Spring side only through what users see (never the autoconfigure package), and
 * its two parts stand alone.
 */
class TestSupportArchitectureTests {

    private static final JavaClasses TEST_SUPPORT = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.springipc.test");

    @Test
    void usesTheCoreOnlyThroughItsPublicTypes() {
        noClasses().should()
            .dependOnClassesThat()
            .resideInAPackage("dev.springipc.core.*..")
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("com.sun.jna..")
            .check(TEST_SUPPORT);
    }

    @Test
    void doesNotImportTheAutoConfiguration() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.springipc.autoconfigure..").check(TEST_SUPPORT);
    }

    @Test
    void theNamespaceAndTheListenerHarnessDoNotDependOnEachOther() {
        slices().matching("dev.springipc.test.(*)..").should().notDependOnEachOther().check(TEST_SUPPORT);
    }
}
