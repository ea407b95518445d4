package dev.springipc.benchmarks;

import java.nio.file.Path;

import dev.springipc.core.CreateMode;
import dev.springipc.core.Framing;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.SysvKey;

/**
 * A transport with a system call per message (POSIX or System V queue, FIFO), used through the
 * plain API ({@link QueueChannel}), blocking rather than spinning, compared with Agrona's handler form.
 */
record KernelMechanism(String id, String description, Opener opener) implements Mechanism {

    /** Queue depth of both message queues: the usual {@code msg_max}. */
    static final int DEPTH = 10;

    /** Opens (creating if asked) the object named from {@code name} for {@code size}-byte messages. */
    @FunctionalInterface
    interface Opener {

        Channel open(String name, int size, CreateMode create);
    }

    /** Our POSIX message queue (mq_* through JNA direct mapping). */
    static KernelMechanism posix() {
        return new KernelMechanism("posix-mq", "POSIX mq send(byte[]) / receive(Duration), depth " + DEPTH,
                (name, size, create) -> QueueChannel.of(IpcMessageQueue.posix("/" + name).maxMessages(DEPTH)
                        .maxMessageSize(size).create(create).open(), size));
    }

    /** Our System V message queue, holding {@link #DEPTH} messages' worth of bytes (msg_qbytes). */
    static KernelMechanism sysv() {
        return new KernelMechanism("sysv-mq",
                "System V mq send(byte[]) / receive(Duration), msg_qbytes " + DEPTH + " x size",
                (name, size, create) -> QueueChannel.of(IpcMessageQueue.sysv(SysvKey.of(name))
                        .maxBytes((long) DEPTH * size).maxMessageSize(size).create(create).open(), size));
    }

    /** Our named FIFO with length-prefixed frames, in the JVM's temporary directory. */
    static KernelMechanism fifo() {
        return new KernelMechanism("fifo", "FIFO (length-prefixed) send(byte[]) / receive(Duration)",
                (name, size, create) -> QueueChannel.of(IpcFifo.builder(name)
                        .directory(Path.of(System.getProperty("java.io.tmpdir"))).framing(Framing.LENGTH_PREFIXED)
                        .create(create).open(), size));
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
        return this.opener.open(name, size, create ? CreateMode.CREATE_ONLY : CreateMode.OPEN_ONLY);
    }
}
