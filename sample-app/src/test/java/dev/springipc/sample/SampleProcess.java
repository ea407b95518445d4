package dev.springipc.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.PeerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample as a separate process, as the README does, in a namespace of its own, and
 * checks what it printed and that nothing of that namespace outlives it.
 */
final class SampleProcess {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static final Path FIFO_DIRECTORY = Path.of("/tmp");

    private SampleProcess() {
    }

    /** A namespace no other run uses: {@code ipc-sample-test-<pid>-<n>}. */
    static String uniqueNamespace() {
        return "ipc-sample-test-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    /** {@code java -cp <test classpath> dev.springipc.sample.SampleApplication args...} */
    static PeerProcess fromClasspath(String... args) {
        return ChildJvm.start(List.of("-Xmx256m"), List.of(), SampleApplication.class, args);
    }

    /** {@code java -jar target/ipc-sample-app.jar args...}, the README's command (after package). */
    static PeerProcess fromJar(String... args) {
        Path jar = Path.of("target", "ipc-sample-app.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx256m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return PeerProcess.start(command);
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Lines up to and including the first that matches, failing after {@code timeout}. */
    static List<String> linesUntil(PeerProcess process, Predicate<String> last, Duration timeout) {
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = process.nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            lines.add(line);
            if (last.test(line)) {
                return lines;
            }
        }
    }

    /** Checks the lines of a run of {@code orders} orders, up to the flow line. */
    static void assertRunReported(List<String> lines, String namespace, int orders) {
        String all = String.join("\n", lines);
        assertThat(all).contains("ipc-sample: producer pid ", "namespace " + namespace)
            .containsPattern("curl http://localhost:\\d+/actuator/ipc")
            .contains("cat /tmp/" + namespace + ".audit.fifo")
            .contains("producer and consumer met at the barrier /" + namespace + ".start")
            .containsPattern("\\[consumer\\] pid \\d+ listening on 'orders'")
            .contains("sent " + orders + " orders", "received " + orders + " shipments")
            .containsPattern("orders/s")
            .containsPattern("request-reply: consumer pid \\d+ handled " + orders + " orders, at most [12] at once")
            .containsPattern("running total [\\d.]+ over " + orders + " orders .*expected [\\d.]+: match")
            .contains("audit: " + orders + " lines on the FIFO")
            .contains("flow: " + orders + " orders passed the Spring Integration flow");
        Matcher total = Pattern.compile("running total ([\\d.]+) .*expected ([\\d.]+)").matcher(all);
        assertThat(total.find()).isTrue();
        assertThat(total.group(1)).isEqualTo(total.group(2)).isEqualTo(expectedTotal(orders));
    }

    /** The total computed here, independently of the sample's own sum. */
    private static String expectedTotal(int orders) {
        long cents = 0;
        for (int n = 1; n <= orders; n++) {
            cents += (1 + n % 5) * (100 + (n * 37L) % 900);
        }
        return String.format("%d.%02d", cents / 100, cents % 100);
    }

    /** The consumer's pid as the producer printed it. */
    static long consumerPid(List<String> lines) {
        Matcher pid = Pattern.compile("consumer pid (\\d+) handled").matcher(String.join("\n", lines));
        assertThat(pid.find()).as("the request-reply line").isTrue();
        return Long.parseLong(pid.group(1));
    }

    /** The actuator port from the {@code curl} line. */
    static int port(List<String> lines) {
        Matcher port = Pattern.compile("curl http://localhost:(\\d+)/actuator/ipc").matcher(String.join("\n", lines));
        assertThat(port.find()).as("the curl line").isTrue();
        return Integer.parseInt(port.group(1));
    }

    /**
     * What is left of {@code namespace}: files in /dev/shm and the FIFO directory, and its POSIX
     * queue (found by opening it, since /dev/mqueue may not be mounted). The sample declares no
     * System V object, so {@code ipcs} has nothing of it.
     */
    static List<String> leftovers(String namespace) {
        List<String> left = new ArrayList<>();
        for (Path directory : List.of(Path.of("/dev/shm"), FIFO_DIRECTORY, Path.of("/dev/mqueue"))) {
            if (Files.isDirectory(directory)) {
                try (var entries = Files.list(directory)) {
                    entries.map((entry) -> entry.getFileName().toString())
                        .filter((name) -> name.startsWith(namespace + ".") || name.startsWith("sem." + namespace + "."))
                        .filter((name) -> !directory.equals(FIFO_DIRECTORY) || name.endsWith(".fifo"))
                        .forEach((name) -> left.add(directory.resolve(name).toString()));
                }
                catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        }
        String queue = "/" + namespace + ".shipments";
        try (IpcMessageQueue shipments = IpcMessageQueue.posix(queue).create(CreateMode.OPEN_ONLY).open()) {
            left.add("POSIX queue " + queue);
        }
        catch (IpcException ex) {
            // not there: as it should be
        }
        return left;
    }

    /** Removes what a failed run left, so a failing test leaves nothing behind either. */
    static void removeLeftovers(String namespace) {
        for (String entry : leftovers(namespace)) {
            try {
                if (entry.startsWith("POSIX queue ")) {
                    try (IpcMessageQueue queue = IpcMessageQueue.posix(entry.substring("POSIX queue ".length()))
                        .create(CreateMode.OPEN_ONLY)
                        .open()) {
                        queue.unlink();
                    }
                }
                else {
                    Files.deleteIfExists(Path.of(entry));
                }
            }
            catch (Exception ex) {
                // best effort
            }
        }
    }
}
