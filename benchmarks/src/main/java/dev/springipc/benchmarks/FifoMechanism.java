package dev.springipc.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.springipc.core.CreateMode;
import dev.springipc.core.Framing;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessage;

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
        return new FifoChannel(fifo, size);
    }

    private static final class FifoChannel implements Channel {

        private static final Duration WAIT = Duration.ofMillis(50);

        private final IpcFifo fifo;

        private final byte[] message;

        private long lastSeq = -1;

        FifoChannel(IpcFifo fifo, int size) {
            this.fifo = fifo;
            this.message = new byte[size];
        }

        @Override
        public void send(long seq) throws InterruptedException {
            Seq.put(this.message, seq);
            this.fifo.send(this.message);
        }

        @Override
        public int poll(int limit) throws InterruptedException {
            Optional<IpcMessage> received = this.fifo.receive(WAIT);
            if (received.isEmpty()) {
                return 0;
            }
            this.lastSeq = Seq.get(received.get().payload());
            return 1;
        }

        @Override
        public long lastSeq() {
            return this.lastSeq;
        }

        @Override
        public void remove() {
            Resources.unlinkQuietly(this.fifo);
        }

        @Override
        public void close() {
            this.fifo.close();
        }
    }
}
