package dev.springipc.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A property that stops the application is reported with where it was set, file and line, as
 * Spring Boot reports an invalid property value: real applications read real config files from
 * the classpath (src/test/resources/ipc-origin-*), and the report is the one Boot prints.
 */
@ExtendWith(OutputCaptureExtension.class)
class IpcPropertyOriginTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    @Test
    void anInvalidModeInApplicationYmlIsReportedWithItsFileAndLine(CapturedOutput output) throws IOException {
        failToStart("ipc-origin-mode");
        assertThat(output).contains("APPLICATION FAILED TO START",
                "ipc.semaphores.jobs.mode=0999 is not a valid mode",
                "Origin: class path resource [ipc-origin-mode.yml] - " + lineOf("ipc-origin-mode.yml", "mode:") + ":");
    }

    @Test
    void aPropertyWrittenInCamelCaseInAPropertiesFileIsFoundByItsCanonicalName(CapturedOutput output)
            throws IOException {
        failToStart("ipc-origin-dead-letter");
        assertThat(output).contains("ipc.queues.orders.dead-letter=nowhere names no declared queue",
                "Origin: class path resource [ipc-origin-dead-letter.properties] - "
                        + lineOf("ipc-origin-dead-letter.properties", "deadLetter") + ":");
    }

    @Test
    void aResourceThatCannotBeOpenedPointsAtTheSettingThatDecidedIt(CapturedOutput output) throws IOException {
        failToStart("ipc-origin-open-only", "--ipc.queues.orders.name=" + this.cleanup.posixName("orders"));
        assertThat(output).contains("The IPC resource 'orders' (ipc.queues.orders", "does not exist",
                "Origin: class path resource [ipc-origin-open-only.yml] - "
                        + lineOf("ipc-origin-open-only.yml", "create:") + ":");
    }

    @Test
    void aSettingLeftAtItsDefaultPointsAtTheEntryThatDeclaredIt() {
        // No file: the environment is built here, with one origin-tracked source.
        MockEnvironment environment = new MockEnvironment();
        environment.getPropertySources()
            .addFirst(new OriginTrackedMapPropertySource("test",
                    Map.of("ipc.semaphores.jobs.permits",
                            OriginTrackedValue.of("2", origin("permits")))));
        assertThat(PropertyOrigins.describe(environment, "ipc.semaphores.jobs.mode"))
            .isEqualTo("\n\n    Declared at: permits here (ipc.semaphores.jobs.permits)");
        assertThat(PropertyOrigins.describe(environment, "ipc.semaphores.jobs.permits"))
            .isEqualTo("\n\n    Origin: permits here");
        assertThat(PropertyOrigins.describe(environment, "ipc.semaphores.other.mode")).isEmpty();
        assertThat(PropertyOrigins.describe(null, "ipc.semaphores.jobs.permits")).isEmpty();
    }

    private static Origin origin(String what) {
        return new Origin() {

            @Override
            public String toString() {
                return what + " here";
            }
        };
    }

    private void failToStart(String configName, String... more) {
        SpringApplication application = new SpringApplication(OnlyIpc.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new ArrayList<>(List.of("--spring.config.name=" + configName,
                "--spring.main.banner-mode=off", "--ipc.namespace=" + TestNames.unique("origin")));
        args.addAll(List.of(more));
        assertThatException().isThrownBy(() -> application.run(args.toArray(String[]::new)).close());
    }

    /** The 1-based line of {@code resource} that contains {@code text}, as origins count. */
    private static int lineOf(String resource, String text) throws IOException {
        try (InputStream in = IpcPropertyOriginTests.class.getResourceAsStream("/" + resource)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
        }
        throw new AssertionError(text + " not in " + resource);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(IpcAutoConfiguration.class)
    static class OnlyIpc {

    }
}
