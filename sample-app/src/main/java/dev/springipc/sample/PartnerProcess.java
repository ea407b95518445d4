package dev.springipc.sample;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Starts the consumer: this same jar (or classpath) in a second JVM with the profile
 * {@code consumer}, and prints its output as {@code [consumer] ...}. It is stopped (SIGTERM, so
 * its Spring context closes cleanly) before the producer removes its objects: this bean stops in
 * the highest phase, before the listeners and long before the IPC resources.
 */
@Component
@Profile("producer")
class PartnerProcess implements SmartLifecycle {

    private static final List<String> OWN_ARGUMENTS = List.of("--spring.profiles.active=", "--ipc.namespace=",
            "--ipc.fifo-directory=", "--sample.");

    private final Environment environment;

    private final ApplicationArguments arguments;

    private @Nullable Process child;

    private Thread output = new Thread(() -> { });

    PartnerProcess(Environment environment, ApplicationArguments arguments) {
        this.environment = environment;
        this.arguments = arguments;
    }

    private volatile boolean stopping;

    /**
     * Starts the consumer, called by {@link ProducerRun} once this process's objects exist;
     * {@code ifItDies} runs if it exits before it is stopped.
     */
    synchronized void launch(Runnable ifItDies) {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
        try {
            this.child = builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not start the consumer: " + builder.command(), ex);
        }
        Process started = this.child;
        started.onExit().thenRun(() -> {
            if (!this.stopping) {
                Console.say("the consumer exited with code " + started.exitValue());
                ifItDies.run();
            }
        });
        this.output = new Thread(() -> printPrefixed(started), "consumer-output");
        this.output.setDaemon(true);
        this.output.start();
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        // The java that runs this process, so both run on the same JDK.
        command.add(ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--enable-native-access=ALL-UNNAMED");   // JNA; JDK 17 accepts it as well
        String classPath = System.getProperty("java.class.path");
        if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            command.add("-jar");                               // started by `java -jar ipc-sample-app.jar`
            command.add(classPath);
        }
        else {
            command.add("-cp");                                // started from a classpath (an IDE, a test)
            command.add(classPath);
            command.add(SampleApplication.class.getName());
        }
        // The producer's own arguments (e.g. --spring.config.additional-location=...), but not the
        // ones set here: a key given twice on the command line would become a list.
        for (String argument : this.arguments.getSourceArgs()) {
            if (OWN_ARGUMENTS.stream().noneMatch(argument::startsWith)) {
                command.add(argument);
            }
        }
        command.add("--spring.profiles.active=consumer");
        command.add("--ipc.namespace=" + this.environment.getRequiredProperty("ipc.namespace"));
        command.add("--ipc.fifo-directory=" + this.environment.getProperty("ipc.fifo-directory", "/tmp"));
        command.add("--sample.parent-pid=" + ProcessHandle.current().pid());
        return command;
    }

    private static void printPrefixed(Process process) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Console.say("[consumer] " + line);
            }
        }
        catch (IOException ex) {
            // the child is gone
        }
    }

    synchronized long pid() {
        return (this.child != null) ? this.child.pid() : -1;
    }

    @Override
    public void start() {
        // launched by ProducerRun, not at context start
    }

    /** SIGTERM, then wait for the consumer's clean stop; SIGKILL only if it hangs. */
    @Override
    public synchronized void stop() {
        this.stopping = true;
        Process process = this.child;
        if (process == null || !process.isAlive()) {
            return;
        }
        // SIGTERM through the handle: Process.destroy() would also close our end of its stdout,
        // and we would miss what it says while it stops.
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                Console.say("the consumer did not stop within 30 s: killing it");
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            this.output.join(2000);   // its last lines first
            int code = process.exitValue();
            Console.say("the consumer stopped (exit code " + code + ((code == 143) ? ": 128 + SIGTERM, as asked)" : ")"));

        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return this.child != null && this.child.isAlive();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;   // stop first
    }
}
