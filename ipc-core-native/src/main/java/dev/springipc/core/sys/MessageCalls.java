package dev.springipc.core.sys;

import java.util.logging.Logger;

import org.jspecify.annotations.Nullable;

/**
 * The per-message calls of the kernel message queues ({@code msgsnd}, {@code msgrcv},
 * {@code mq_timedsend}, {@code mq_timedreceive}), bound once per JVM: through the Foreign
 * Function and Memory API where the JDK has it (22 and later), else, and as the fallback, through
 * JNA's direct mapping. A JNA call costs about 250 ns more than the same call from C (an empty
 * {@code msgrcv} 560 against 290 ns); a foreign call about 40 ns, which is what bounds a System V
 * queue's throughput. Each result follows the kernel's raw convention: the C result when it
 * succeeds, {@code -errno} when it fails.
 * <p>
 * {@value #FOREIGN_PROPERTY}{@code =false} keeps JNA on any JDK.
 */
public abstract class MessageCalls {

    /** System property that turns the foreign binding off ({@code false}): JNA on any JDK. */
    public static final String FOREIGN_PROPERTY = "dev.springipc.foreignCalls";

    private static final Logger logger = Logger.getLogger(MessageCalls.class.getName());

    private static final MessageCalls BOUND = choose();

    MessageCalls() {
    }

    /** The binding this JVM uses. */
    public static MessageCalls bound() {
        return BOUND;
    }

    private static MessageCalls choose() {
        if ("false".equals(System.getProperty(FOREIGN_PROPERTY))) {
            return JnaMessageCalls.INSTANCE;
        }
        if (Runtime.version().feature() < ForeignMessageCalls.FIRST_JDK) {
            return JnaMessageCalls.INSTANCE;
        }
        try {
            MessageCalls foreign = ForeignMessageCalls.bind();
            logger.fine(() -> "kernel message queues: " + foreign.implementation());
            return foreign;
        }
        catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
            logger.fine(() -> "kernel message queues: " + JnaMessageCalls.INSTANCE.implementation()
                    + "; the foreign binding failed: " + ex);
            return JnaMessageCalls.INSTANCE;
        }
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
}
