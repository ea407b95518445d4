package dev.springipc.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The C kit's {@code ipcbench} binary (built by run.sh from ../shared/bench/c when gcc exists):
 * POSIX mq, System V mq, FIFO and shm-ring ping-pong and throughput, the native limits. It pins itself
 * (parent CPU 0, forked peer CPU 1) and names its objects with the tag we give it; its
 * {@code cleanup} mode removes everything that tag may have created.
 */
final class CBaseline {

    /** C mechanism name -> our id. */
    private static final Map<String, String> MECHANISMS = Map.of("C posix-mq", "c-mq", "C shm-ring spin",
            "c-shm-ring", "C sysv-mq", "c-sysv-mq", "C fifo", "c-fifo");

    /** C metric name -> our metric. */
    private static final Map<String, String> METRICS = Map.of("RTT p50 64B", "rtt-p50-64B", "RTT p99 64B",
            "rtt-p99-64B", "thr 64B ring64KiB", "thr-64B", "thr 64B depth10", "thr-64B", "thr 64B raw writes",
            "thr-64B");

    private final Path binary;

    private final double scale;

    CBaseline(Path binary, double scale) {
        this.binary = binary;
        this.scale = scale;
    }

    /** Runs the C modes once; each figure goes to {@code sink} as (mechanism, metric, value, unit). */
    void run(String tag, ResultSink sink) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(tag);
        Map<String, String> env = Map.of("IPCB_TAG", tag, "IPCB_TMPDIR", work.toString(), "IPCB_STATE",
                work.resolve("sysv-ids").toString(), "IPCB_PIN", Jvm.canPin() ? "1" : "0");
        try {
            mode(env, sink, "mq-lat", 30_000, 10_000);
            mode(env, sink, "shm-lat", 300_000, 100_000);
            mode(env, sink, "shm-thr", 5_000_000, 1_000_000);
            mode(env, sink, "sysv-lat", 30_000, 10_000);
            // One-way, 64 B, msg_qbytes of 10 messages (IPCB_DEPTH's default): as our sysv-mq runs.
            mode(env, sink, "sysv-thr", "64", 1_000_000, 200_000);
            // Raw 64 B writes, read 64 B at a time: one system call per message on each side.
            mode(env, sink, "fifo-lat", 30_000, 10_000);
            mode(env, sink, "fifo-thr", "64", 1_000_000, 200_000);
        }
        finally {
            cleanup(env, work);
        }
    }

    /**
     * The SPSC ring alone (64 KiB, 64 B: throughput and round trip), pinned (parent CPU 0, peer
     * CPU 1) or not; unpinned, the binary is started on every CPU, whatever our own affinity.
     * Figures go to {@code sink} as {@code c-shm-ring}.
     */
    void runRing(String tag, boolean pinned, ResultSink sink) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(tag);
        Map<String, String> env = Map.of("IPCB_TAG", tag, "IPCB_TMPDIR", work.toString(), "IPCB_STATE",
                work.resolve("sysv-ids").toString(), "IPCB_PIN", (pinned && Jvm.canPin()) ? "1" : "0");
        List<String> prefix = (!pinned && Jvm.canPin()) ? List.of("taskset", "-c", "0-" + (Jvm.cpus() - 1))
                : List.of();
        try {
            for (List<String> mode : List.of(List.of("shm-thr", scaled(5_000_000), scaled(1_000_000)),
                    List.of("shm-lat", scaled(300_000), scaled(100_000)))) {
                List<String> command = new ArrayList<>(prefix);
                command.add(this.binary.toString());
                command.addAll(mode);
                run(env, sink, command);
            }
        }
        finally {
            cleanup(env, work);
        }
    }

    /** The binary's cleanup mode for the tag, then the work directory. */
    private void cleanup(Map<String, String> env, Path work) throws IOException, InterruptedException {
        exec(env, List.of(this.binary.toString(), "cleanup"), line -> { });
        try (var files = Files.list(work)) {
            files.forEach(file -> file.toFile().delete());
        }
        Files.deleteIfExists(work);
    }

    private void mode(Map<String, String> env, ResultSink sink, String mode, long count, long warmup)
            throws IOException, InterruptedException {
        run(env, sink, List.of(this.binary.toString(), mode, scaled(count), scaled(warmup)));
    }

    private void mode(Map<String, String> env, ResultSink sink, String mode, String size, long count, long warmup)
            throws IOException, InterruptedException {
        run(env, sink, List.of(this.binary.toString(), mode, size, scaled(count), scaled(warmup)));
    }

    private void run(Map<String, String> env, ResultSink sink, List<String> command)
            throws IOException, InterruptedException {
        exec(env, command, line -> {
            String[] fields = line.split("\\|");
            if (fields.length == 5 && fields[0].equals("RESULT") && MECHANISMS.containsKey(fields[1])
                    && METRICS.containsKey(fields[2]) && !fields[4].equals("MB/s")) {
                sink.accept(MECHANISMS.get(fields[1]), METRICS.get(fields[2]), Double.parseDouble(fields[3]),
                        fields[4]);
            }
        });
    }

    private String scaled(long count) {
        return Long.toString(Math.max(1000, (long) (count * this.scale)));
    }

    private static void exec(Map<String, String> env, List<String> command, java.util.function.Consumer<String> lines)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        Process process = builder.start();
        Cleanup.register(() -> {
            if (process.isAlive()) {
                process.destroy(); // its SIGTERM handler removes its objects
            }
        });
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.accept(line);
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroy();
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    /** Where a figure goes. */
    @FunctionalInterface
    interface ResultSink {
        void accept(String mechanism, String metric, double value, String unit);
    }
}
