package dev.springipc.core.ring;

import java.nio.ByteBuffer;

import com.sun.jna.Pointer;

import dev.springipc.core.support.SharedMapping;
import dev.springipc.core.support.SharedMemory;
import dev.springipc.core.sys.Futex;
import dev.springipc.core.sys.NativeError;

/**
 * One mapped ring as its producers and consumers see it: the header words they share
 * ({@link RingDescriptor}), the record area after it ({@link RecordDescriptor}) addressed by
 * ever-growing positions, and the futex that wakes sleeping consumers.
 */
final class RingArea {

    /** Where the record area starts in the mapping. */
    static final int BASE = RingDescriptor.HEADER_LENGTH;

    /** Zeros to clear consumed records with; never written. */
    private static final byte[] ZEROS = new byte[4096];

    final ByteBuffer buffer;

    final RingSettings settings;

    final int capacity;

    final int mask;

    final int maxMessageSize;

    /** For messages: "shm ring queue /name". */
    final String resource;

    private final Pointer signalWord;

    private final SharedMapping mapping;

    RingArea(SharedMapping mapping, RingSettings settings, String resource) {
        this.mapping = mapping;
        this.buffer = mapping.buffer();
        this.settings = settings;
        this.capacity = settings.capacity();
        this.mask = settings.capacity() - 1;
        this.maxMessageSize = settings.maxMessageSize();
        this.resource = resource;
        this.signalWord = mapping.pointer(RingDescriptor.SIGNAL_OFFSET);
    }

    /** The buffer offset of the record at {@code position}. */
    int offsetOf(long position) {
        return BASE + ((int) position & this.mask);
    }

    /** The length word of the record at buffer offset {@code at}: 0 nothing, negative claimed, positive committed. */
    int lengthAt(int at) {
        return SharedMemory.getIntVolatile(this.buffer, at + RecordDescriptor.LENGTH_OFFSET);
    }

    long tail() {
        return SharedMemory.getLongVolatile(this.buffer, RingDescriptor.TAIL_OFFSET);
    }

    long head() {
        return SharedMemory.getLongVolatile(this.buffer, RingDescriptor.HEAD_OFFSET);
    }

    long cleared() {
        return SharedMemory.getLongVolatile(this.buffer, RingDescriptor.CLEARED_OFFSET);
    }

    long reclaimed() {
        return SharedMemory.getLongVolatile(this.buffer, RingDescriptor.RECLAIMED_OFFSET);
    }

    /**
     * The size, then the header (see {@link RingDescriptor#checkIntact}): for slow paths only, as
     * the size check is a system call. Reading the header of a truncated mapping would fault.
     */
    void checkIntact() {
        requireSize();
        RingDescriptor.checkIntact(this.buffer, this.settings, this.resource);
    }

    /**
     * The header only, without the size's system call: for a look that must stay cheap (a ring
     * full for a moment). On a truncated mapping its plain reads fault into HotSpot's
     * {@code InternalError}, which the ring's calls translate.
     */
    void checkHeader() {
        RingDescriptor.checkIntact(this.buffer, this.settings, this.resource);
    }

    /**
     * Refuses a ring another process truncated, before an atomic operation or a futex call on it
     * (either kills the JVM with SIGBUS on memory that is gone): one {@code lseek}, paid where a
     * system call is made anyway (sleeping, waking) or on request ({@code size-checked}).
     */
    void requireSize() {
        this.mapping.requireIntact(this.resource);
    }

    /** Whether the mapping is still covered by the object: for deciding what a fault was. */
    boolean truncated() {
        try {
            return this.mapping.isTruncated();
        }
        catch (NativeError ex) {
            return false;
        }
    }

    /** Zeroes the ring positions {@code [from, until)}, at most one capacity, wrapping at the end. */
    void zeroPositions(long from, long until) {
        int index = (int) from & this.mask;
        int length = (int) (until - from);
        int firstPart = Math.min(length, this.capacity - index);
        zero(index, firstPart);
        zero(0, length - firstPart);
    }

    private void zero(int index, int length) {
        for (int done = 0; done < length; done += ZEROS.length) {
            this.buffer.put(BASE + index + done, ZEROS, 0, Math.min(ZEROS.length, length - done));
        }
    }

    /** Bumps the signal word and wakes every consumer sleeping on it. */
    void wakeConsumers() throws NativeError {
        requireSize();
        SharedMemory.getAndAddInt(this.buffer, RingDescriptor.SIGNAL_OFFSET, 1);
        Futex.wakeAll(this.signalWord);
    }

    Pointer signalWord() {
        return this.signalWord;
    }
}
