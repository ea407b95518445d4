package dev.springipc.core.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * Native memory for the per-message calls of {@link MessageCalls}: the message itself (System
 * V's {@code struct msgbuf}, a POSIX payload, or a FIFO's frames) after a small header that holds
 * what a call needs beside it: the errno a foreign call captures, the priority
 * {@code mq_timedreceive} writes, the timespec {@code mq_timed*} read. One block, allocated on
 * first use (a queue's per thread, a FIFO's per direction); a call after that allocates nothing.
 * Not thread-safe: one thread uses it at a time.
 */
public final class MessageBuffer {

    /** The captured errno of a foreign call (see {@link MessageCalls}). */
    static final int CALL_STATE = 0;

    /** Bytes reserved for {@link #CALL_STATE}. */
    static final int CALL_STATE_SIZE = 8;

    static final int PRIORITY = 8;

    static final int TIMESPEC = 16;

    static final int MESSAGE = TIMESPEC + Timespec.SIZE;

    private final Memory memory;

    private final ByteBuffer view;

    private final ByteBuffer message;

    private final ByteBuffer timespec;

    final long address;

    final Pointer messagePointer;

    final Pointer priorityPointer;

    final Pointer timespecPointer;

    /** What {@link MessageCalls} keeps for this buffer (a foreign call's capture segment), or null. */
    final @Nullable Object callState;

    /** A buffer for messages of up to {@code messageCapacity} bytes (System V: the type's 8 included). */
    public MessageBuffer(long messageCapacity) {
        this(MessageCalls.bound(), messageCapacity);
    }

    /** A buffer for the calls of {@code calls}, whichever binding this JVM uses. */
    MessageBuffer(MessageCalls calls, long messageCapacity) {
        this.memory = new Memory(MESSAGE + messageCapacity);
        this.view = this.memory.getByteBuffer(0, this.memory.size()).order(ByteOrder.nativeOrder());
        this.message = this.view.slice(MESSAGE, (int) messageCapacity).order(ByteOrder.nativeOrder());
        this.timespec = this.view.slice(TIMESPEC, Timespec.SIZE).order(ByteOrder.nativeOrder());
        this.address = Pointer.nativeValue(this.memory);
        this.messagePointer = this.memory.share(MESSAGE);
        this.priorityPointer = this.memory.share(PRIORITY);
        this.timespecPointer = this.memory.share(TIMESPEC);
        this.callState = calls.callState(this.address + CALL_STATE, CALL_STATE_SIZE);
    }

    /** The message, native byte order, from index 0; absolute gets and puts only. */
    public ByteBuffer message() {
        return this.message;
    }

    /** The timespec the next {@code mq_timedsend} or {@code mq_timedreceive} reads. */
    public ByteBuffer timespec() {
        return this.timespec;
    }

    /** The priority the last successful {@code mq_timedreceive} wrote. */
    public int priority() {
        return this.view.getInt(PRIORITY);
    }

    /** The errno a foreign call captured. */
    int capturedErrno(int offset) {
        return this.view.getInt(CALL_STATE + offset);
    }
}
