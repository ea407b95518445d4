package dev.springipc.core.architecture;

import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.invoke.MethodHandles;
import java.nio.ByteOrder;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules of DESIGN.md that concern the core, kept by tests so they hold as the code grows.
 */
class CoreArchitectureTests {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.springipc.core");

    @Test
    void coreImportsNothingFromSpringMicrometerOrJackson() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.micrometer..",
                "com.fasterxml.jackson..", "tools.jackson..").check(CORE);
    }

    @Test
    void publicCoreTypesExposeNoJnaAndDoNotTouchTheBindingLayer() {
        noClasses().that().resideInAPackage("dev.springipc.core").should().dependOnClassesThat()
                .resideInAnyPackage("com.sun.jna..", "dev.springipc.core.sys..").check(CORE);
    }

    @Test
    void theBindingLayerDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("dev.springipc.core.sys..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.springipc.core", "dev.springipc.core.support..", "dev.springipc.core.posix..",
                        "dev.springipc.core.fifo..", "dev.springipc.core.sync..", "dev.springipc.core.ring..",
                        "dev.springipc.core.sysv..", "dev.springipc.core.pipe..")
                .check(CORE);
    }

    @Test
    void implementationsDoNotDependOnEachOther() {
        String[] implementations = { "posix", "fifo", "sync", "ring", "sysv", "envelope", "pipe" };
        for (String one : implementations) {
            for (String other : implementations) {
                if (!one.equals(other)) {
                    noClasses().that().resideInAPackage("dev.springipc.core." + one + "..").should()
                            .dependOnClassesThat().resideInAPackage("dev.springipc.core." + other + "..").check(CORE);
                }
            }
        }
    }

    @Test
    void noJavaSerialisationAnywhere() {
        // IPC peers are not trusted: a Java-serialised payload from one could run code here (gadget chains).
        noClasses().should().dependOnClassesThat().belongToAnyOf(ObjectInputStream.class, ObjectOutputStream.class)
                .check(CORE);
    }

    /**
     * Shared memory is read and written through one vocabulary, {@code support.SharedMemory},
     * named by ordering. PosixSharedSegment still has its own VarHandle: it is the user's raw
     * view of a segment, and its access is being reworked for SIGBUS translation.
     */
    @Test
    void mappedMemoryIsAccessedThroughSharedMemory() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.springipc.core.support.SharedMemory").and()
                .doNotHaveFullyQualifiedName("dev.springipc.core.posix.PosixSharedSegment").should()
                .callMethod(MethodHandles.class, "byteBufferViewVarHandle", Class.class, ByteOrder.class).check(CORE);
    }
}
