package dev.springipc.core.reliability;

import java.nio.file.Path;

import dev.springipc.core.CreateMode;
import dev.springipc.core.Framing;
import dev.springipc.core.IpcChannel;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.testsupport.IpcCleanup;

/**
 * The message carriers the crash and load tests run over, each opened the same way in the test
 * process (which creates it) and in the child JVMs (which only open it). A name is a string so
 * that it can travel on a child's command line: a POSIX name, a System V key or a FIFO path.
 */
enum QueueKind {

    POSIX, SYSV, SHM, SHM_SINGLE_PRODUCER, SHM_SINGLE_CONSUMER, FIFO;

    /** Largest payload of these tests: a {@code RingMessages} record. */
    static final int MAX_MESSAGE_SIZE = 64;

    /** A unique name for a new object of this kind, removed by {@code cleanup} if the test leaves it. */
    String newName(IpcCleanup cleanup) {
        return switch (this) {
            case SYSV -> String.valueOf(cleanup.sysvKey(tag()));
            case FIFO -> cleanup.fifoPath(tag()).toString();
            default -> cleanup.posixName(tag());
        };
    }

    private String tag() {
        return name().toLowerCase().replace('_', '-');
    }

    /** Creates the object (test process). */
    IpcChannel create(String name) {
        return open(name, CreateMode.CREATE_ONLY);
    }

    /** Opens the object another process created (child JVMs, and extra handles of the test). */
    IpcChannel open(String name) {
        return open(name, CreateMode.OPEN_ONLY);
    }

    private IpcChannel open(String name, CreateMode create) {
        return switch (this) {
            // 10 is /proc/sys/fs/mqueue/msg_max's default, the most an unprivileged user may ask.
            case POSIX -> IpcMessageQueue.posix(name).maxMessages(10).maxMessageSize(MAX_MESSAGE_SIZE).create(create)
                .open();
            case SYSV -> IpcMessageQueue.sysv(Integer.parseInt(name)).maxMessageSize(MAX_MESSAGE_SIZE).create(create)
                .open();
            case SHM, SHM_SINGLE_PRODUCER, SHM_SINGLE_CONSUMER -> IpcMessageQueue.shm(name).maxMessages(1024)
                .maxMessageSize(MAX_MESSAGE_SIZE).singleProducer(this == SHM_SINGLE_PRODUCER)
                .singleConsumer(this == SHM_SINGLE_CONSUMER).create(create).open();
            // Length-prefixed: the payloads are binary. Frames this small are written atomically.
            case FIFO -> IpcFifo.builder(Path.of(name).getFileName().toString()).directory(Path.of(name).getParent())
                .framing(Framing.LENGTH_PREFIXED).maxFrameSize(MAX_MESSAGE_SIZE).create(create).open();
        };
    }
}
