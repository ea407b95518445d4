package dev.springipc.benchmarks;

import java.time.Duration;
import java.util.Optional;

import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcResource;
import dev.springipc.core.IpcStream;

/**
 * The plain API of any queue or stream (FIFO): {@code send(byte[])} and
 * {@code receive(Duration)}, one new {@link IpcMessage} per message, as a typical user writes it.
 */
final class QueueChannel implements Channel {

    /** Short, so a dead peer is noticed; the harness simply polls again. */
    private static final Duration WAIT = Duration.ofMillis(50);

    private final IpcResource resource;

    private final Sender sender;

    private final Receiver receiver;

    private final byte[] message;

    private long lastSeq = -1;

    private QueueChannel(IpcResource resource, Sender sender, Receiver receiver, int size) {
        this.resource = resource;
        this.sender = sender;
        this.receiver = receiver;
        this.message = new byte[size];
    }

    static QueueChannel of(IpcMessageQueue queue, int size) {
        return new QueueChannel(queue, queue::send, queue::receive, size);
    }

    static QueueChannel of(IpcStream stream, int size) {
        return new QueueChannel(stream, stream::send, stream::receive, size);
    }

    @Override
    public void send(long seq) throws InterruptedException {
        Seq.put(this.message, seq);
        this.sender.send(this.message);
    }

    @Override
    public int poll(int limit) throws InterruptedException {
        Optional<IpcMessage> received = this.receiver.receive(WAIT);
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
        Resources.unlinkQuietly(this.resource);
    }

    @Override
    public void close() {
        this.resource.close();
    }

    @FunctionalInterface
    private interface Sender {

        void send(byte[] payload) throws InterruptedException;
    }

    @FunctionalInterface
    private interface Receiver {

        Optional<IpcMessage> receive(Duration timeout) throws InterruptedException;
    }
}
