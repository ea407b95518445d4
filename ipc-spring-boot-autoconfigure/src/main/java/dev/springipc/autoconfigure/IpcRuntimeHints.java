package dev.springipc.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What JNA looks up at run time in the core, for AOT processing to record: the direct-mapped
 * binding classes, whose native methods {@code Native.register} finds by reflection and binds
 * through JNI, and JNA's own native library, which it loads from the classpath. Also the
 * library of the core's own JNI functions (the per-message calls of kernel queues and FIFOs on
 * JDK 17-21), which the core copies from the classpath and loads; its native methods are linked by name,
 * and the C side calls nothing in Java, so they need no hint.
 * <p>
 * The bindings use no {@code Structure} or {@code Callback}: native structs are laid out by hand
 * in native memory. JNA's own reflection and JNI needs are not listed here: a native image takes
 * them from JNA's reachability metadata (see "GraalVM native image" in docs/configuration.md).
 */
class IpcRuntimeHints implements RuntimeHintsRegistrar {

    /** The classes of {@code dev.springipc.core.sys} that call {@code Native.register}. */
    static final List<String> DIRECT_MAPPED = List.of("dev.springipc.core.sys.LibC", "dev.springipc.core.sys.LibRt",
            "dev.springipc.core.sys.LibPthread", "dev.springipc.core.sys.LibSysv",
            "dev.springipc.core.sys.WakeSignal");

    /** The classes of {@code dev.springipc.core.sys} whose native methods are the core's own JNI functions. */
    static final List<String> JNI_BOUND = List.of("dev.springipc.core.sys.JniMessageCalls");

    /** The core's JNI library, one directory per {@code os.arch}, e.g. {@code linux-amd64}. */
    static final String MESSAGE_CALLS_LIBRARY = "dev/springipc/core/sys/native/*/libspringipc-message-calls.so";

    /** JNA's native library, one directory per platform, e.g. {@code linux-x86-64}. */
    static final String JNA_DISPATCH_LIBRARY = "com/sun/jna/*/libjnidispatch.so";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        // Named, not referenced: the Spring side depends on no core implementation package.
        for (String binding : DIRECT_MAPPED) {
            TypeReference type = TypeReference.of(binding);
            hints.reflection()
                .registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS, MemberCategory.INVOKE_DECLARED_METHODS);
            hints.jni().registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS, MemberCategory.INVOKE_DECLARED_METHODS);
        }
        hints.resources().registerPattern(JNA_DISPATCH_LIBRARY);
        hints.resources().registerPattern(MESSAGE_CALLS_LIBRARY);
    }
}
