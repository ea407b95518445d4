package dev.springipc.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/** Where a thread of this process sits in the kernel, read from {@code /proc/self/task}. */
public final class KernelThreads {

    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));

    /** The number of msgrcv(2) on this architecture. */
    public static final long MSGRCV = AARCH64 ? 188 : 70;

    /** The number of mq_timedreceive(2) on this architecture. */
    public static final long MQ_TIMEDRECEIVE = AARCH64 ? 183 : 243;

    /** The numbers of poll(2) and ppoll(2) on this architecture (aarch64 has only ppoll; glibc may use either). */
    public static final Set<Long> POLL = AARCH64 ? Set.of(73L) : Set.of(7L, 271L);

    private KernelThreads() {
    }

    /**
     * The system call the thread named {@code name} is blocked in (first field of
     * {@code /proc/self/task/<tid>/syscall}), or -1 when it runs in user space.
     */
    public static long systemCallOf(String name) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            Path task = tasks.filter((candidate) -> name.equals(read(candidate.resolve("comm"))))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread named " + name));
            String syscall = read(task.resolve("syscall"));
            return syscall.startsWith("running") ? -1 : Long.parseLong(syscall.split(" ")[0]);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        catch (IOException ex) {
            return "";
        }
    }
}
