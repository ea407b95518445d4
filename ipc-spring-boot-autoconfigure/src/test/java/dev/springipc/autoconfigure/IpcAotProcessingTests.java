package dev.springipc.autoconfigure;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import dev.springipc.listener.app.IpcReplyApplication;
import dev.springipc.listener.app.IpcReplyApplication.Ticket;
import dev.springipc.messaging.IpcTemplate;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user's build does with {@code spring-boot:process-aot}, then {@code java
 * -Dspring.aot.enabled=true}: Boot's AOT processor runs on an application that declares
 * resources and an {@code @IpcListener} ({@link IpcReplyApplication}), in its own JVM; the
 * generated sources are compiled; the application starts from them in a third JVM and answers
 * this JVM's requests over shared-memory ring queues.
 */
class IpcAotProcessingTests {

    private static final Duration PROCESSING = Duration.ofSeconds(60);

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    /** What the build left: generated classes (compiled here) and resources. */
    @TempDir
    static Path build;

    private final String namespace = TestNames.unique("aot");

    private final List<PeerProcess> processes = new ArrayList<>();

    /**
     * Processes the application once for all tests. The build sees other values than the runs:
     * the bean definitions come from the build, the names and sizes from the run.
     */
    @BeforeAll
    static void processAheadOfTime() throws IOException {
        try (PeerProcess aot = ChildJvm.start(SpringApplicationAotProcessor.class,
                IpcReplyApplication.class.getName(), sources().toString(), resources().toString(),
                classes().toString(), "dev.springipc", "ipc-aot-test", "--ipc.namespace=build-time",
                "--ipc.queues.requests.type=shm", "--ipc.queues.replies.type=shm", "--ipc.segments.stats.size=1KB",
                "--spring.main.banner-mode=off", "--logging.level.root=warn")) {
            aot.awaitSuccess(PROCESSING);
        }
        assertThat(sources().resolve(IpcReplyApplication.class.getName().replace('.', '/')
                + "__ApplicationContextInitializer.java")).exists();
        compile(sources(), classes());
    }

    @AfterEach
    void stopProcessesAndForgetRecords() throws IOException {
        this.processes.forEach(PeerProcess::close);
        TestOwnerRecords.forget(this.namespace);
    }

    @Test
    void theProcessedApplicationOpensItsResourcesAndAnswersAnotherProcess() throws InterruptedException {
        List<String> resources = List.of("ipc.queues.requests.type=shm",
                "ipc.queues.requests.name=" + this.cleanup.posixName("req"), "ipc.queues.requests.max-messages=16",
                "ipc.queues.requests.max-message-size=1KB", "ipc.queues.replies.type=shm",
                "ipc.queues.replies.name=" + this.cleanup.posixName("rep"), "ipc.queues.replies.max-messages=16",
                "ipc.queues.replies.max-message-size=1KB");
        PeerProcess app = startProcessed(Stream.concat(resources.stream(), Stream.of("ipc.segments.stats.size=4KB"))
            .map((property) -> "--" + property)
            .toArray(String[]::new));

        assertThat(linesUntil(app, "ready")).anyMatch((line) -> line.contains("Starting AOT-processed"));
        assertThat(Path.of("/dev/shm", this.namespace + ".stats")).exists().hasSize(4096);
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
            .withPropertyValues(resources.toArray(String[]::new))
            .withPropertyValues("ipc.namespace=" + this.namespace, "ipc.template.reply-queue=replies")
            .run((context) -> {
                Ticket reply = context.getBean(IpcTemplate.class)
                    .convertSendAndReceive("requests", new Ticket("T-1", 1), Ticket.class, Duration.ofSeconds(20));
                assertThat(reply).as(app.stderr()).isEqualTo(new Ticket("T-1 confirmed by " + app.pid(), 2));
            });

        app.terminateAndAwait(Duration.ofSeconds(30));
        assertThat(Path.of("/dev/shm", this.namespace + ".stats")).doesNotExist();
    }

    @Test
    void aResourceDeclaredOnlyAtRunTimeFailsStartupAndNamesTheFix() {
        PeerProcess app = startProcessed("--ipc.queues.requests.type=shm", "--ipc.queues.replies.type=shm",
                "--ipc.segments.stats.size=4KB", "--ipc.queues.extra.max-messages=5");

        assertThat(String.join("\n", app.remainingLines(PROCESSING)))
            .contains("ipc.queues.extra=(declared) has no bean 'extra'", "spring-boot:process-aot");
        assertThat(app.waitFor(Duration.ofSeconds(5))).isEqualTo(1);
        assertThat(Path.of("/dev/shm", this.namespace + ".requests")).doesNotExist();
    }

    @Test
    void aChannelAddedOnlyAtRunTimeFailsStartupAndNamesTheFix() {
        PeerProcess app = startProcessed("--ipc.queues.requests.type=shm", "--ipc.queues.replies.type=shm",
                "--ipc.segments.stats.size=4KB", "--ipc.queues.requests.channel=incoming");

        assertThat(String.join("\n", app.remainingLines(PROCESSING)))
            .contains("ipc.queues.requests.channel=(declared) has no bean 'requests.ipcInboundChannelAdapter'");
        assertThat(app.waitFor(Duration.ofSeconds(5))).isEqualTo(1);
    }

    @Test
    void aResourceDeclaredOnlyAtBuildTimeFailsStartupAndNamesTheFix() {
        // requests is opened before replies fails, and released again.
        PeerProcess app = startProcessed("--ipc.queues.requests.type=shm", "--ipc.segments.stats.size=4KB");

        assertThat(String.join("\n", app.remainingLines(PROCESSING)))
            .contains("ipc.queues.replies=(not set) is missing", "Declare ipc.queues.replies again");
        assertThat(app.waitFor(Duration.ofSeconds(5))).isEqualTo(1);
        assertThat(Path.of("/dev/shm", this.namespace + ".requests")).doesNotExist();
    }

    @Test
    void theBuildRecordsWhatJnaNeedsAtRunTime() throws IOException {
        Path metadata;
        try (Stream<Path> files = Files.walk(resources())) {
            metadata = files.filter((file) -> file.endsWith("reachability-metadata.json")).findFirst().orElseThrow();
        }

        assertThat(Files.readString(metadata)).contains("\"dev.springipc.core.sys.LibC\"", "libjnidispatch.so");
    }

    /** Starts the processed application as a user would, with the AOT-generated code on the classpath. */
    private PeerProcess startProcessed(String... properties) {
        List<String> args = new ArrayList<>(List.of(properties));
        args.addAll(List.of("--ipc.namespace=" + this.namespace, "--spring.main.banner-mode=off",
                "--logging.level.root=warn", "--logging.level." + IpcReplyApplication.class.getName() + "=info"));
        return start(ChildJvm.start(List.of("-Dspring.aot.enabled=true"), List.of(classes(), resources()),
                IpcReplyApplication.class, args.toArray(String[]::new)));
    }

    private static Path sources() {
        return build.resolve("sources");
    }

    private static Path resources() {
        return build.resolve("resources");
    }

    private static Path classes() {
        return build.resolve("classes");
    }

    private PeerProcess start(PeerProcess process) {
        this.processes.add(process);
        return process;
    }

    /** The lines the process prints before {@code last}, which it must print within the time limit. */
    private static List<String> linesUntil(PeerProcess process, String last) {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + PROCESSING.toNanos();
        for (String line = process.nextLine(PROCESSING); !line.equals(last);
                line = process.nextLine(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1)))) {
            lines.add(line);
        }
        return lines;
    }

    /** Compiles the generated sources as the build would, against the application's classpath. */
    private static void compile(Path sources, Path classes) throws IOException {
        List<File> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter((path) -> path.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
            List<String> options = List.of("-proc:none", "-d", classes.toString(), "-cp",
                    classes + File.pathSeparator + ChildJvm.testClassPath());
            boolean compiled = compiler
                .getTask(diagnostics, fileManager, null, options, null, fileManager.getJavaFileObjectsFromFiles(files))
                .call();
            assertThat(compiled).as(diagnostics.toString()).isTrue();
        }
    }
}
