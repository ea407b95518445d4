package dev.springipc.core.sys;

import java.io.IOException;
import java.util.logging.Logger;

import org.jspecify.annotations.Nullable;

/**
 * The per-message calls of the kernel message queues ({@code msgsnd}, {@code msgrcv},
 * {@code mq_timedsend}, {@code mq_timedreceive}) and of FIFOs ({@code read}, {@code write}),
 * bound once per JVM to the fastest binding it can have: the Foreign Function and Memory API
 * where the JDK has it (22 and later), else JNI functions when the build could compile them
 * (gcc and the JDK's {@code jni.h}), else, and
 * as the last fallback, JNA's direct mapping. A JNA call costs about 250 ns more than the same
 * call from C (an empty {@code msgrcv} 560-600 against 290 ns); a foreign or JNI call about 40
 * ns, which is what bounds a System V queue's throughput (and a FIFO writer's: one
 * {@code write} per message). Each binding passes a self-test call
 * before it is chosen. Each result follows the kernel's raw convention: the C result when it
 * succeeds, {@code -errno} when it fails.
 * <p>
 * {@value #BINDING_PROPERTY}{@code =jna} keeps JNA on any JDK.
 */
public abstract class MessageCalls {

    /** System property that chooses the binding: {@code jna} keeps JNA; unset, the fastest one. */
    public static final String BINDING_PROPERTY = "dev.springipc.messageCalls";

    private static final Logger logger = Logger.getLogger(MessageCalls.class.getName());

    MessageCalls() {
    }

    /** The binding this JVM uses. */
    public static MessageCalls bound() {
        return Bound.CALLS;
    }

    private static MessageCalls choose() {
        String requested = System.getProperty(BINDING_PROPERTY);
        if ("jna".equalsIgnoreCase(requested)) {
            return chosen(JnaMessageCalls.INSTANCE);
        }
        if (requested != null) {
            logger.warning(() -> "-D" + BINDING_PROPERTY + "=" + requested + " is not a value it takes (only jna, "
                    + "which keeps JNA); kernel queues and FIFOs use the fastest binding there is");
        }
        if (Runtime.version().feature() >= ForeignMessageCalls.FIRST_JDK) {
            try {
                return chosen(ForeignMessageCalls.bind());
            }
            catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
                logger.fine(() -> "per-message calls: the foreign binding failed: " + ex);
            }
        }
        if (JniMessageCalls.built()) {
            try {
                return chosen(JniMessageCalls.bind());
            }
            catch (IOException | RuntimeException | LinkageError ex) {
                logger.fine(() -> "per-message calls: the JNI binding failed: " + ex);
            }
        }
        return chosen(JnaMessageCalls.INSTANCE);
    }

    private static MessageCalls chosen(MessageCalls calls) {
        logger.fine(() -> "per-message calls of kernel queues and FIFOs: " + calls.implementation());
        return calls;
    }

    /**
     * Chosen on first use, not when this class is initialized: a binding initializes this class
     * (its superclass) first, and the choice needs the bindings' own constants.
     */
    private static final class Bound {

        static final MessageCalls CALLS = choose();
    }

    /** Which binding this is, for logs and diagnostics. */
    public abstract String implementation();

    /** What this binding keeps for a buffer whose call state is {@code size} bytes at {@code address}. */
    abstract @Nullable Object callState(long address, int size);

    /** {@code msgsnd} of the {@code struct msgbuf} in {@code buffer}: 0, or {@code -errno}. */
    public abstract int msgsnd(MessageBuffer buffer, int msqid, long length, int flags);

    /** {@code msgrcv} into the {@code struct msgbuf} in {@code buffer}: the payload's length, or {@code -errno}. */
    public abstract long msgrcv(MessageBuffer buffer, int msqid, long maxLength, long type, int flags);

    /** {@code mq_timedsend} of {@code buffer}'s message, until its timespec: 0, or {@code -errno}. */
    public abstract int mqTimedsend(MessageBuffer buffer, int mqd, long length, int priority);

    /**
     * {@code mq_timedreceive} into {@code buffer}'s message, until its timespec; the priority goes
     * to {@link MessageBuffer#priority()}: the length, or {@code -errno}.
     */
    public abstract long mqTimedreceive(MessageBuffer buffer, int mqd, long maxLength);

    /** {@code read} of up to {@code count} bytes into {@code buffer}'s message, at its index 0: the count read, or {@code -errno}. */
    public abstract long read(MessageBuffer buffer, int fd, long count);

    /**
     * {@code write} of the {@code count} bytes at index {@code from} of {@code buffer}'s message:
     * the count written, or {@code -errno}.
     */
    public abstract long write(MessageBuffer buffer, int fd, long from, long count);
}
