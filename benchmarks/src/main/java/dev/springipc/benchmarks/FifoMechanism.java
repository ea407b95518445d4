package dev.springipc.benchmarks;

import java.nio.file.Path;

import dev.springipc.core.CreateMode;
import dev.springipc.core.Framing;
import dev.springipc.core.IpcFifo;

/** Our named FIFO with length-prefixed frames, in the JVM's temporary directory. */
final class FifoMechanism implements Mechanism {

    @Override
    public String id() {
        return "fifo";
    }

    @Override
    public String description() {
        return "FIFO (length-prefixed) send(byte[]) / receive(Duration)";
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
        IpcFifo fifo = IpcFifo.builder(name).directory(Path.of(System.getProperty("java.io.tmpdir")))
                .framing(Framing.LENGTH_PREFIXED).create(create ? CreateMode.CREATE_ONLY : CreateMode.OPEN_ONLY)
                .open();
        return QueueChannel.of(fifo, size);
    }
}
