package dev.springipc.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.springipc.core.IpcPermissionDeniedException;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class IpcFailureAnalyzersTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private static final int NOBODY = 65534;

    private final String namespace = TestNames.unique("fa");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + this.namespace);

    @Test
    void existingObjectWithCreateOnlyNamesPropertyAndRemedy() {
        String name = this.cleanup.posixName("taken");
        try (IpcSemaphore existing = IpcSemaphore.builder(name).open()) {
            FailureAnalysis analysis = analyzeStartup("ipc.semaphores.jobs.name=" + name,
                    "ipc.semaphores.jobs.create=create-only");
            assertThat(analysis.getDescription()).contains("'jobs'", "ipc.semaphores.jobs", "POSIX semaphore " + name,
                    "exists already", "create-only", "EEXIST");
            assertThat(analysis.getAction()).contains("rm /dev/shm/sem." + name.substring(1),
                    "ipc.semaphores.jobs.create to open-or-create");
            existing.unlink();
        }
    }

    @Test
    void missingObjectWithOpenOnlyNamesPropertyAndRemedy() {
        FailureAnalysis analysis = analyzeStartup("ipc.queues.orders.create=open-only");
        assertThat(analysis.getDescription()).contains("ipc.queues.orders", "POSIX message queue /" + this.namespace
                + ".orders", "does not exist", "open-only", "ENOENT");
        assertThat(analysis.getAction()).contains("Start the process that creates", "open-or-create");
    }

    @Test
    void queueAboveKernelLimitNamesTheSysctl() {
        FailureAnalysis analysis = analyzeStartup("ipc.queues.orders.max-messages=100000");
        assertThat(analysis.getDescription()).contains("ipc.queues.orders", "limit", "msg_max");
        assertThat(analysis.getAction()).contains("ipc.queues.orders.max-messages", "fs.mqueue.msg_max",
                "fs.mqueue.msgsize_max", "fs.mqueue.queues_max", "ulimit -q");
    }

    @Test
    void messageSizeAboveKernelLimitNamesTheSysctl() {
        // Above fs.mqueue.msgsize_max, and above the 16 MiB that root may go to as well.
        FailureAnalysis analysis = analyzeStartup("ipc.queues.orders.max-message-size=32MB");
        assertThat(analysis.getDescription()).contains("ipc.queues.orders", "limit", "mq_open failed with EINVAL",
                "max-message-size 33554432 exceeds /proc/sys/fs/mqueue/msgsize_max=");
        assertThat(analysis.getAction()).contains("ipc.queues.orders.max-message-size", "fs.mqueue.msgsize_max");
    }

    @Test
    void invalidNameSaysHowANameLooks() {
        FailureAnalysis analysis = analyzeStartup("ipc.segments.prices.name=/a/b", "ipc.segments.prices.size=4KB");
        assertThat(analysis.getDescription()).contains("ipc.segments.prices", "/a/b");
        assertThat(analysis.getAction()).contains("ipc.segments.prices.name", "one leading '/'");
    }

    @Test
    void invalidModeNamesPropertyAndValue() {
        FailureAnalysis analysis = analyzeStartup("ipc.semaphores.jobs.mode=0999");
        assertThat(analysis.getDescription()).isEqualTo(
                "ipc.semaphores.jobs.mode=0999 is not a valid mode: expected an octal string of permission bits "
                        + "such as \"0660\".");
        assertThat(analysis.getAction()).contains("mode: \"0660\"");
    }

    @Test
    void aSystemVKeyOnAPosixObjectIsRefusedRatherThanIgnored() {
        FailureAnalysis semaphore = analyzeStartup("ipc.semaphores.jobs.key=4242");
        assertThat(semaphore.getDescription())
            .startsWith("ipc.semaphores.jobs.key=4242 applies only to System V objects");
        assertThat(semaphore.getAction()).contains("Set ipc.semaphores.jobs.kind=sysv");
        FailureAnalysis queue = analyzeStartup("ipc.queues.orders.type=shm", "ipc.queues.orders.key=4242");
        assertThat(queue.getDescription()).startsWith("ipc.queues.orders.key=4242 applies only to System V objects");
        assertThat(queue.getAction()).contains("type: sysv in YAML");
    }

    @Test
    void ringSettingsOnAnotherQueueTypeAreRefusedRatherThanIgnored() {
        FailureAnalysis idle = analyzeStartup("ipc.queues.orders.idle-strategy=busy-spin");
        assertThat(idle.getDescription()).startsWith(
                "ipc.queues.orders.idle-strategy=busy-spin applies only to shared-memory ring queues");
        assertThat(idle.getAction()).contains("type: shm in YAML");
        FailureAnalysis stall = analyzeStartup("ipc.queues.orders.type=sysv", "ipc.queues.orders.stall-timeout=2s");
        assertThat(stall.getDescription()).startsWith("ipc.queues.orders.stall-timeout=PT2S applies only to");
        FailureAnalysis single = analyzeStartup("ipc.queues.orders.single-producer=true");
        assertThat(single.getDescription()).startsWith("ipc.queues.orders.single-producer=true applies only to");
        assertThat(single.getAction()).contains("remove ipc.queues.orders.single-producer");
        FailureAnalysis consumer = analyzeStartup("ipc.queues.orders.type=posix",
                "ipc.queues.orders.single-consumer=false");
        assertThat(consumer.getDescription()).startsWith("ipc.queues.orders.single-consumer=false applies only to");
    }

    @Test
    void failureHalfWayRemovesWhatWasCreatedBefore() {
        analyzeStartup("ipc.semaphores.first.permits=1", "ipc.queues.orders.create=open-only");
        assertThat(Path.of("/dev/shm", "sem." + this.namespace + ".first")).doesNotExist();
    }

    @Test
    void permissionDeniedNamesUserModeAndRemedy() {
        // Root (as in CI) is never refused, so the kernel's answer is constructed as the core makes it.
        IpcResourceDeclaration declaration = IpcResourceRegistrar.declarations(properties("ledger", "0640"), "app")
            .get(0);
        IpcResourceOpenException failure = new IpcResourceOpenException(declaration,
                new IpcPermissionDeniedException("POSIX shared memory segment /x.ledger", "shm_open", 13,
                        "POSIX shared memory segment /x.ledger: shm_open failed with EACCES (Permission denied)"));
        FailureAnalysis analysis = new IpcResourceOpenFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).contains("'ledger'", "ipc.segments.ledger", "permission denied to user "
                + System.getProperty("user.name") + " (uid ", "configured mode is 0640", "EACCES");
        assertThat(analysis.getAction()).contains("Run the application as the object's owner",
                "ipc.segments.ledger.mode");
    }

    @Test
    void aSegmentOfAnotherOwnerIsRefusedWithTheTrustPropertiesAsTheFix() throws Exception {
        String name = this.cleanup.posixName("squatted");
        Path file = Path.of("/dev/shm" + name);
        // What a squatter leaves: an object of another user (nobody) under our name, open to us.
        try (IpcSharedSegment squatted = IpcSharedSegment.builder(name).size(4096).open()) {
            Files.setAttribute(file, "unix:uid", NOBODY);
            Files.setAttribute(file, "unix:gid", NOBODY);
            FailureAnalysis analysis = analyzeStartup("ipc.segments.ledger.name=" + name,
                    "ipc.segments.ledger.size=4KB");
            assertThat(analysis.getDescription()).contains("'ledger'", "belongs to uid " + NOBODY,
                    "does not trust", "owner uid " + NOBODY);
            assertThat(analysis.getAction()).contains("rm /dev/shm" + name, "ipc.trust.users: [" + NOBODY + "]",
                    "ipc.trust.groups: [" + NOBODY + "]");
            this.runner.withPropertyValues("ipc.segments.ledger.name=" + name, "ipc.segments.ledger.size=4KB",
                    "ipc.trust.users=" + NOBODY)
                .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(IpcSharedSegment.class));
            squatted.unlink();
        }
    }

    private IpcProperties properties(String key, String mode) {
        IpcProperties properties = new IpcProperties();
        properties.setNamespace("x");
        IpcProperties.Segment segment = new IpcProperties.Segment();
        segment.setMode(mode);
        properties.getSegments().put(key, segment);
        return properties;
    }

    private FailureAnalysis analyzeStartup(String... properties) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        this.runner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            analysis[0] = new InvalidIpcPropertyFailureAnalyzer().analyze(failure);
            if (analysis[0] == null) {
                analysis[0] = new IpcResourceOpenFailureAnalyzer().analyze(failure);
            }
            assertThat(analysis[0]).as("analysis of %s", failure).isNotNull();
        });
        return analysis[0];
    }
}
