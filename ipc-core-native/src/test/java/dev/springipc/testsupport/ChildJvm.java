package dev.springipc.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a {@code main} class of the test classpath in a separate JVM: a real second process for
 * cross-process tests. Its stdout is read line by line; its stderr is kept for failure messages.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** Starts {@code mainClass} with {@code args} in a new JVM. */
    public static PeerProcess start(Class<?> mainClass, String... args) {
        return start(List.of(), List.of(), mainClass, args);
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM that also gets {@code jvmOptions}
     * (e.g. {@code -Dspring.aot.enabled=true}) and sees {@code classPathPrefix} (e.g. classes a
     * test generated) before the test classpath.
     */
    public static PeerProcess start(List<String> jvmOptions, List<Path> classPathPrefix, Class<?> mainClass,
            String... args) {
        return PeerProcess.start(command(jvmOptions, classPathPrefix, mainClass, args));
    }

    /** The command line {@link #start(List, List, Class, String...)} runs, for a caller that wraps it. */
    public static List<String> command(List<String> jvmOptions, List<Path> classPathPrefix, Class<?> mainClass,
            String... args) {
        List<String> command = new ArrayList<>();
        // The java of the test JVM, so that a run on JDK 25 tests children on JDK 25 too.
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        // JNA calls restricted methods; without this JDK 22+ warns on stderr. JDK 17 accepts it too.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        List<String> classPath = new ArrayList<>();
        classPathPrefix.forEach((entry) -> classPath.add(entry.toString()));
        classPath.add(testClassPath());
        command.add(String.join(File.pathSeparator, classPath));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Surefire runs tests from a manifest-only jar; the real classpath is in its own property. */
    public static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
    }

    /** Reads one line from a reader, used by child mains that take commands on stdin. */
    public static BufferedReader stdin() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    /** Prints and flushes, so the parent sees the line at once. */
    public static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Sleeps without a checked exception, for child mains. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
