package dev.springipc.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user who meets an error looks it up by its type: every public exception of the core has its
 * place in {@code docs/troubleshooting.md}, so a new one cannot ship undocumented.
 */
class TroubleshootingGuideTests {

    @Test
    void everyPublicExceptionOfTheCoreHasASectionInTheTroubleshootingGuide() throws IOException {
        String guide = Files.readString(Path.of("../docs/troubleshooting.md"));
        List<String> exceptions = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.springipc.core")
            .stream()
            .filter((type) -> type.getPackageName().equals("dev.springipc.core") && type.getModifiers().toString()
                .contains("PUBLIC") && type.isAssignableTo(IpcException.class))
            .map(JavaClass::getSimpleName)
            .toList();
        assertThat(exceptions).hasSizeGreaterThanOrEqualTo(10);
        assertThat(exceptions).allSatisfy((name) -> assertThat(guide).as("docs/troubleshooting.md names %s", name)
            .containsPattern("(?m)^## .*`" + name + "`"));
    }
}
