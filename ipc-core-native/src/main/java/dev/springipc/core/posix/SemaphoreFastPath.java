package dev.springipc.core.posix;

import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.springipc.core.sys.Glibc;
import org.jspecify.annotations.Nullable;

/**
 * Decides, per open, whether a POSIX semaphore runs on the Java fast path
 * ({@link GlibcSemaphoreCore}) or on JNA {@code sem_*} ({@link JnaSemaphoreCore}). Three gates,
 * cheapest first: the platform (Linux, 64-bit little-endian x86-64 or AArch64, glibc ≥ 2.21, where
 * {@code sem_t} has the layout the fast path knows), a one-time active self-test of this very
 * code against glibc's functions ({@link SemaphoreFastPathProbe}), and per open the layout of
 * the file ({@link GlibcSemaphoreLayout}). Any failure means JNA, never an error; the choice
 * and its reason are logged at FINE (DEBUG) under {@code dev.springipc.core.posix.PosixSemaphore}.
 */
final class SemaphoreFastPath {

    /** System property that turns the fast path off ({@code false}): every semaphore uses JNA sem_*. */
    static final String ENABLED_PROPERTY = "dev.springipc.semaphoreFastPath";

    private static final Logger logger = Logger.getLogger(PosixSemaphore.class.getName());

    private static final Set<String> ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64");

    private SemaphoreFastPath() {
    }

    /** Whether {@value #ENABLED_PROPERTY} leaves the fast path on (the default). */
    static boolean enabledByProperty() {
        return !"false".equals(System.getProperty(ENABLED_PROPERTY));
    }

    /** The core for a semaphore just opened as {@code handle}: the fast path if allowed and usable, else JNA. */
    static SemaphoreCore choose(String description, String name, Pointer handle, boolean allowed) {
        String refusal = allowed ? platformRefusal() : "turned off (" + ENABLED_PROPERTY + "=false)";
        if (refusal == null) {
            try {
                SemaphoreCore core = GlibcSemaphoreCore.map(name, handle);
                logger.fine(() -> description + ": " + core.implementation());
                return core;
            }
            catch (RuntimeException ex) {
                refusal = "its file cannot be used: " + ex.getMessage();
            }
        }
        String reason = refusal;
        logger.fine(() -> description + ": " + JnaSemaphoreCore.IMPLEMENTATION + ", no fast path: " + reason);
        return new JnaSemaphoreCore(handle);
    }

    /** Why this JVM cannot use the fast path at all, or null; the self-test runs on the first call. */
    static @Nullable String platformRefusal() {
        return Verdict.REFUSAL;
    }

    /** The static part of the platform gate, for given facts; null when they allow the fast path. */
    static @Nullable String staticRefusal(String osName, String osArch, ByteOrder order, int pointerSize,
            @Nullable String glibcVersion) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "not Linux (" + osName + ")";
        }
        if (!ARCHITECTURES.contains(osArch) || order != ByteOrder.LITTLE_ENDIAN || pointerSize != 8) {
            return "sem_t's layout is known for 64-bit little-endian x86-64 and AArch64 only, not " + osArch;
        }
        if (glibcVersion == null) {
            return "the C library is not glibc (no gnu_get_libc_version; musl?)";
        }
        if (!Glibc.atLeast(glibcVersion, 2, 21)) {
            return "glibc " + glibcVersion + " predates the sem_t layout of 2.21";
        }
        return null;
    }

    /** Computed once per JVM, on first use: the holder class initialises lazily. */
    private static final class Verdict {

        static final @Nullable String REFUSAL = compute();

        private static @Nullable String compute() {
            String refusal = staticRefusal(System.getProperty("os.name", "unknown"), System.getProperty("os.arch", ""),
                    ByteOrder.nativeOrder(), Native.POINTER_SIZE, Glibc.version());
            if (refusal == null) {
                refusal = SemaphoreFastPathProbe.run();
            }
            if (refusal != null) {
                String reason = refusal;
                logger.log(Level.FINE, () -> "POSIX semaphores use JNA sem_*: " + reason);
            }
            return refusal;
        }
    }
}
