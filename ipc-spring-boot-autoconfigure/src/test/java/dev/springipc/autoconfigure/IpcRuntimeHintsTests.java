package dev.springipc.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IpcRuntimeHints} against the core as it is: every class with native methods is
 * covered, and JNA's native library is found.
 */
class IpcRuntimeHintsTests {

    private static final JavaClasses CORE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.springipc.core");

    private final RuntimeHints hints = new RuntimeHints();

    IpcRuntimeHintsTests() {
        new IpcRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
    }

    @Test
    void everyClassOfTheCoreWithNativeMethodsIsListed() {
        List<String> withNatives = CORE.stream()
            .filter((type) -> type.getMethods().stream().anyMatch((m) -> m.getModifiers().contains(JavaModifier.NATIVE)))
            .map(JavaClass::getName)
            .toList();

        List<String> listed = new ArrayList<>(IpcRuntimeHints.DIRECT_MAPPED);
        listed.addAll(IpcRuntimeHints.JNI_BOUND);
        assertThat(withNatives).containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void theCoresJniLibraryIsIncludedForEveryArchitecture() {
        for (String arch : List.of("amd64", "aarch64")) {
            String library = "dev/springipc/core/sys/native/linux-" + arch + "/libspringipc-message-calls.so";
            assertThat(RuntimeHintsPredicates.resource().forResource(library)).as(library).accepts(this.hints);
        }
    }

    @Test
    void everyNativeMethodMayBeInvokedReflectivelyAndBoundThroughJni() throws ClassNotFoundException {
        for (String name : IpcRuntimeHints.DIRECT_MAPPED) {
            // Loaded without initialising: initialising would bind the functions, which is not needed here.
            Class<?> binding = Class.forName(name, false, getClass().getClassLoader());
            List<Method> natives = Arrays.stream(binding.getDeclaredMethods())
                .filter((method) -> Modifier.isNative(method.getModifiers()))
                .toList();
            assertThat(natives).as(name).isNotEmpty();
            for (Method method : natives) {
                assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method)).as(method.toString())
                    .accepts(this.hints);
            }
            TypeHint jni = this.hints.jni().getTypeHint(TypeReference.of(binding));
            assertThat(jni).as(name).isNotNull();
            assertThat(jni.getMemberCategories()).contains(MemberCategory.INVOKE_DECLARED_METHODS);
        }
    }

    @Test
    void jnasNativeLibraryIsIncludedForTheLinuxPlatforms() {
        for (String platform : List.of("linux-x86-64", "linux-aarch64")) {
            String library = "com/sun/jna/" + platform + "/libjnidispatch.so";
            assertThat(getClass().getClassLoader().getResource(library)).as(library).isNotNull();
            assertThat(RuntimeHintsPredicates.resource().forResource(library)).as(library).accepts(this.hints);
        }
    }

    @Test
    void theCoreHasNoJnaStructureOrCallbackWhoseFieldsWouldNeedHints() {
        assertThat(CORE.stream()
            .filter((type) -> type.isAssignableTo("com.sun.jna.Structure") || type.isAssignableTo("com.sun.jna.Callback"))
            .map(JavaClass::getName)).isEmpty();
    }
}
