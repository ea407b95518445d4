package dev.springipc.listener;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering of DESIGN.md for the messaging packages: {@code listener} builds on
 * {@code messaging}, neither imports {@code autoconfigure} (which wires them) nor
 * {@code integration}, and {@code messaging} knows nothing of listeners.
 */
class MessagingArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.springipc");

    @Test
    void messagingAndListenerDoNotImportAutoconfigureOrIntegration() {
        noClasses().that()
            .resideInAnyPackage("dev.springipc.messaging..", "dev.springipc.listener..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.springipc.autoconfigure..", "dev.springipc.integration..")
            .check(this.classes);
    }

    @Test
    void messagingDoesNotImportListener() {
        noClasses().that()
            .resideInAPackage("dev.springipc.messaging..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.springipc.listener..")
            .check(this.classes);
    }

    @Test
    void listenerAndIntegrationMakeNoThreadsOfTheirOwnButUseTheSharedReceiveLoop() {
        noClasses().that()
            .resideInAnyPackage("dev.springipc.listener..", "dev.springipc.integration..")
            .should()
            .callConstructor(Thread.class, Runnable.class, String.class)
            .orShould()
            .callConstructor(Thread.class, Runnable.class)
            .check(this.classes);
    }

    @Test
    void messagingAndListenerUseOnlyThePublicCoreTypes() {
        noClasses().that()
            .resideInAnyPackage("dev.springipc.messaging..", "dev.springipc.listener..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.springipc.core.*..")
            .check(this.classes);
    }
}
