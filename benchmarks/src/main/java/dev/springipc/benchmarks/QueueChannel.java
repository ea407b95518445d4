package dev.springipc.benchmarks;

import java.time.Duration;
import java.util.Optional;

import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;

/**
 * The plain API of any {@link IpcMessageQueue}: {@code send(byte[])} and
 * {@code receive(Duration)}, one new {@link IpcMessage} per message, as a typical user writes it.
 */
final class QueueChannel implements Channel {

    /** Short, so a dead peer is noticed; the harness simply polls again. */
    private static final Duration WAIT = Duration.ofMillis(50);

    private final IpcMessageQueue queue;

    private final byte[] message;

    private long lastSeq = -1;

    QueueChannel(IpcMessageQueue queue, int size) {
        this.queue = queue;
        this.message = new byte[size];
    }

    @Override
    public void send(long seq) throws InterruptedException {
        Seq.put(this.message, seq);
        this.queue.send(this.message);
    }

    @Override
    public int poll(int limit) throws InterruptedException {
        Optional<IpcMessage> received = this.queue.receive(WAIT);
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
        Resources.unlinkQuietly(this.queue);
    }

    @Override
    public void close() {
        this.queue.close();
    }
}
