package dev.springipc.core.sys;

import com.sun.jna.Native;
import org.jspecify.annotations.Nullable;

/** {@link MessageCalls} through JNA's direct mapping: any JDK, and the fallback of the foreign binding. */
final class JnaMessageCalls extends MessageCalls {

    static final JnaMessageCalls INSTANCE = new JnaMessageCalls();

    private JnaMessageCalls() {
    }

    @Override
    public String implementation() {
        return "JNA direct mapping";
    }

    @Override
    @Nullable Object callState(long address, int size) {
        return null;
    }

    @Override
    public int msgsnd(MessageBuffer buffer, int msqid, long length, int flags) {
        return (LibSysv.msgsnd(msqid, buffer.messagePointer, length, flags) == 0) ? 0 : -Native.getLastError();
    }

    @Override
    public long msgrcv(MessageBuffer buffer, int msqid, long maxLength, long type, int flags) {
        long length = LibSysv.msgrcv(msqid, buffer.messagePointer, maxLength, type, flags);
        return (length >= 0) ? length : -Native.getLastError();
    }

    @Override
    public int mqTimedsend(MessageBuffer buffer, int mqd, long length, int priority) {
        return (LibRt.mq_timedsend(mqd, buffer.messagePointer, length, priority, buffer.timespecPointer) == 0) ? 0
                : -Native.getLastError();
    }

    @Override
    public long mqTimedreceive(MessageBuffer buffer, int mqd, long maxLength) {
        long length = LibRt.mq_timedreceive(mqd, buffer.messagePointer, maxLength, buffer.priorityPointer,
                buffer.timespecPointer);
        return (length >= 0) ? length : -Native.getLastError();
    }

    @Override
    public long read(MessageBuffer buffer, int fd, long count) {
        long length = LibC.read(fd, buffer.messagePointer, count);
        return (length >= 0) ? length : -Native.getLastError();
    }

    @Override
    public long write(MessageBuffer buffer, int fd, long from, long count) {
        // A view only for what follows a partial write (a frame larger than PIPE_BUF): rare.
        long length = LibC.write(fd, (from == 0) ? buffer.messagePointer : buffer.messagePointer.share(from), count);
        return (length >= 0) ? length : -Native.getLastError();
    }
}
