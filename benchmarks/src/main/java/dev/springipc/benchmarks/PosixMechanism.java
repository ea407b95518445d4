package dev.springipc.benchmarks;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;

/** Our POSIX message queue (mq_* through JNA direct mapping), depth 10 (the usual msg_max). */
final class PosixMechanism implements Mechanism {

    static final int DEPTH = 10;

    @Override
    public String id() {
        return "posix-mq";
    }

    @Override
    public String description() {
        return "POSIX mq send(byte[]) / receive(Duration), depth " + DEPTH;
    }

    @Override
    public String baseline() {
        return "agrona-handler";
    }

    @Override
    public boolean spins() {
        return false;
    }

    @Override
    public Channel open(String name, int size, boolean create) {
        return QueueChannel.of(IpcMessageQueue.posix("/" + name).maxMessages(DEPTH).maxMessageSize(size)
                .create(create ? CreateMode.CREATE_ONLY : CreateMode.OPEN_ONLY).open(), size);
    }
}
