package dev.springipc.core.support;

import java.util.List;

/**
 * Loads the JDK-internal classes named in the signatures of the {@code ByteBuffer} access paths
 * ({@code ScopedMemoryAccess}, the buffer view VarHandles), so that the JIT inlines those paths
 * into ours. HotSpot's C2 does not inline a method whose signature names a class not loaded
 * yet, and the JDK loads these late or never when nothing uses the foreign memory API: whether
 * a ring's send compiled to plain moves or to a call per access then depended on what else had
 * run first, and changed from one JVM to the next (JDK 17: {@code ScopedMemoryAccess$Scope};
 * JDK 25: {@code AbstractMemorySegmentImpl}, {@code MemorySessionImpl}). A single producer's
 * send into a 1 MiB ring, 4 KiB each, ran at 2.1-2.4 Mmsg/s instead of 6.3-8.4 in 6 of 10 JVMs
 * before, in 1 of 10 with this. Loading is enough: nothing is initialized, and a name a JDK
 * lacks is skipped.
 */
final class InlinedBufferAccess {

    /** JDK 17 (first two) and JDK 21+ (the rest); the JDK's own classes, found by its boot loader. */
    private static final List<String> SIGNATURE_CLASSES = List.of(
            "jdk.internal.misc.ScopedMemoryAccess$Scope",
            "jdk.internal.access.foreign.MemorySegmentProxy",
            "jdk.internal.foreign.AbstractMemorySegmentImpl",
            "jdk.internal.foreign.MemorySessionImpl",
            "java.lang.foreign.MemorySegment",
            "jdk.internal.misc.ScopedMemoryAccess$ScopedAccessError");

    private InlinedBufferAccess() {
    }

    /** Loads what this JDK has of {@link #SIGNATURE_CLASSES}. */
    static void prepare() {
        for (String name : SIGNATURE_CLASSES) {
            try {
                Class.forName(name, false, null);
            }
            catch (ClassNotFoundException | LinkageError | SecurityException absent) {
                // Another JDK's layout: nothing to load, and nothing C2 could miss.
            }
        }
    }
}
