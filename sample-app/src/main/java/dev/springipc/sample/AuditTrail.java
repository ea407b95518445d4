package dev.springipc.sample;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.springipc.core.IpcFifo;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Reads the audit lines the consumer writes to the FIFO {@code audit}. A FIFO writer waits for a
 * reader, so the producer is one; {@code cat /tmp/<namespace>.audit.fifo} is another, and each
 * line goes to whichever reader takes it first.
 */
@Component
@Profile("producer")
class AuditTrail implements SmartLifecycle {

    private final IpcFifo audit;

    private final AtomicInteger lines = new AtomicInteger();

    private volatile String lastLine = "";

    private volatile boolean running;

    private Thread reader = new Thread(() -> { });

    AuditTrail(IpcFifo audit) {
        this.audit = audit;
    }

    @Override
    public void start() {
        this.running = true;
        this.reader = new Thread(this::read, "audit-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void read() {
        while (this.running) {
            try {
                // A bounded wait, so a stop is prompt; a FIFO reader never sees end-of-file here.
                this.audit.receive(Duration.ofMillis(200)).ifPresent((line) -> {
                    this.lastLine = line.payloadAsString();
                    this.lines.incrementAndGet();
                });
            }
            catch (InterruptedException ex) {
                return;
            }
            catch (RuntimeException ex) {
                if (this.running) {
                    Console.say("audit reader: " + ex.getMessage());
                }
                return;
            }
        }
    }

    @Override
    public void stop() {
        this.running = false;
        try {
            this.reader.join(2000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    int lines() {
        return this.lines.get();
    }

    String lastLine() {
        return this.lastLine;
    }

    String path() {
        return this.audit.path().toString();
    }
}
