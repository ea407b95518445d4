package dev.springipc.listener.killapp;

import java.nio.charset.StandardCharsets;

import dev.springipc.core.IpcSharedSegment;
import dev.springipc.listener.IpcListener;
import dev.springipc.testsupport.ChildJvm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application for a child JVM: its {@code @IpcListener} on {@code orders} takes
 * messages whose payload is a sequence number and notes each in the segment {@code ledger}: byte
 * {@code seq} becomes {@link #TAKEN} when the handler starts and {@link #HANDLED} when it ends,
 * 2 ms of work later, and byte {@link #DELIVERIES} + {@code seq} counts the handler's calls. Its resources come from its arguments ({@code --ipc.*}); it prints
 * {@code ready} once the listener runs, and runs until a signal.
 */
@SpringBootApplication
public class IpcLedgerListenerApplication {

    public static final byte TAKEN = 1;

    public static final byte HANDLED = 2;

    /** Where the delivery counts start in the ledger. */
    public static final int DELIVERIES = 1 << 15;

    private final IpcSharedSegment ledger;

    IpcLedgerListenerApplication(IpcSharedSegment ledger) {
        this.ledger = ledger;
    }

    public static void main(String[] args) throws Exception {
        SpringApplication.run(IpcLedgerListenerApplication.class, args);
        ChildJvm.say("ready");
        Thread.currentThread().join();
    }

    @IpcListener("orders")
    void handle(byte[] payload) {
        int seq = Integer.parseInt(new String(payload, StandardCharsets.US_ASCII));
        byte[] deliveries = new byte[1];
        this.ledger.read(DELIVERIES + seq, deliveries);
        deliveries[0]++;
        this.ledger.write(DELIVERIES + seq, deliveries);
        this.ledger.write(seq, new byte[] { TAKEN });
        // Busy, not asleep: a kill should find the handler working.
        long until = System.nanoTime() + 2_000_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        this.ledger.write(seq, new byte[] { HANDLED });
    }
}
