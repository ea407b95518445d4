package dev.springipc.benchmarks;

import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.SysvKey;

/** Our System V message queue, holding 10 messages' worth of bytes (msg_qbytes). */
final class SysvMechanism implements Mechanism {

    static final int DEPTH = 10;

    @Override
    public String id() {
        return "sysv-mq";
    }

    @Override
    public String description() {
        return "System V mq send(byte[]) / receive(Duration), msg_qbytes " + DEPTH + " x size";
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
        return QueueChannel.of(IpcMessageQueue.sysv(SysvKey.of(name)).maxBytes((long) DEPTH * size)
                .maxMessageSize(size).create(create ? CreateMode.CREATE_ONLY : CreateMode.OPEN_ONLY).open(), size);
    }
}
