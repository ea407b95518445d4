package dev.springipc.architecture;

import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * DESIGN.md's rules for the Spring packages, kept by tests. Rules about packages that do not
 * exist yet pass trivially and start to bite when the package arrives.
 */
class SpringArchitectureTests {

    private static final String[] CORE_IMPLEMENTATION = { "dev.springipc.core.sys..", "dev.springipc.core.support..",
            "dev.springipc.core.posix..", "dev.springipc.core.sysv..", "dev.springipc.core.fifo..",
            "dev.springipc.core.sync..", "dev.springipc.core.ring..", "dev.springipc.core.envelope..",
            "dev.springipc.core.pipe.." };

    private static final JavaClasses SPRING_SIDE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.springipc.autoconfigure", "dev.springipc.messaging", "dev.springipc.listener",
                "dev.springipc.integration", "dev.springipc.actuate", "dev.springipc.metrics");

    @Test
    void springPackagesUseTheCoreOnlyThroughItsPublicTypes() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(CORE_IMPLEMENTATION).allowEmptyShould(true)
            .check(SPRING_SIDE);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..").allowEmptyShould(true)
            .check(SPRING_SIDE);
    }

    @Test
    void nothingButAutoconfigureImportsAutoconfigure() {
        noClasses().that().resideOutsideOfPackage("dev.springipc.autoconfigure..").should().dependOnClassesThat()
            .resideInAPackage("dev.springipc.autoconfigure..").allowEmptyShould(true).check(SPRING_SIDE);
    }

    @Test
    void listenerAndIntegrationDoNotImportEachOther() {
        noClasses().that().resideInAPackage("dev.springipc.listener..").should().dependOnClassesThat()
            .resideInAPackage("dev.springipc.integration..").allowEmptyShould(true).check(SPRING_SIDE);
        noClasses().that().resideInAPackage("dev.springipc.integration..").should().dependOnClassesThat()
            .resideInAPackage("dev.springipc.listener..").allowEmptyShould(true).check(SPRING_SIDE);
    }

    @Test
    void observersAreImportedByNothing() {
        noClasses().that().resideOutsideOfPackages("dev.springipc.actuate..", "dev.springipc.autoconfigure..")
            .should().dependOnClassesThat().resideInAPackage("dev.springipc.actuate..").allowEmptyShould(true)
            .check(SPRING_SIDE);
        noClasses().that().resideOutsideOfPackages("dev.springipc.metrics..", "dev.springipc.autoconfigure..")
            .should().dependOnClassesThat().resideInAPackage("dev.springipc.metrics..").allowEmptyShould(true)
            .check(SPRING_SIDE);
    }

    @Test
    void observersReadOnlyTheCoreTheMessagingHookAndTheListenerRegistry() {
        noClasses().that().resideInAnyPackage("dev.springipc.actuate..", "dev.springipc.metrics..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.springipc.integration..", "dev.springipc.autoconfigure..")
            .allowEmptyShould(true).check(SPRING_SIDE);
        noClasses().that().resideInAPackage("dev.springipc.metrics..").should().dependOnClassesThat()
            .resideInAnyPackage("dev.springipc.actuate..", "dev.springipc.listener..").allowEmptyShould(true)
            .check(SPRING_SIDE);
        noClasses().that().resideInAPackage("dev.springipc.actuate..").should().dependOnClassesThat()
            .resideInAPackage("dev.springipc.metrics..").allowEmptyShould(true).check(SPRING_SIDE);
    }

    /** The optional jars are touched only by the packages whose auto-configurations guard them. */
    @Test
    void optionalModulesAreUsedOnlyBehindTheirAutoConfigurations() {
        noClasses().that().resideOutsideOfPackages("dev.springipc.actuate..", "dev.springipc.autoconfigure..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework.boot.health..", "org.springframework.boot.actuate..")
            .allowEmptyShould(true).check(SPRING_SIDE);
        noClasses().that().resideOutsideOfPackages("dev.springipc.metrics..", "dev.springipc.autoconfigure..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer.core..")
            .allowEmptyShould(true).check(SPRING_SIDE);
    }

    @Test
    void noJavaSerialisationAnywhere() {
        // IPC peers are not trusted: a Java-serialised payload from one could run code here (gadget chains).
        noClasses().should().dependOnClassesThat().belongToAnyOf(ObjectInputStream.class, ObjectOutputStream.class)
                .check(SPRING_SIDE);
    }
}
