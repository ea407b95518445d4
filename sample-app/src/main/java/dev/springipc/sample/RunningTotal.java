package dev.springipc.sample;

import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcSharedSegment;

import org.springframework.stereotype.Component;

/**
 * A running total in the shared segment {@code totals}: the consumer adds to it, the producer
 * reads it. Two fields (amount, count) must change together, so both are read and written under
 * the robust mutex {@code ledger}, which every process that maps the segment locks.
 */
@Component
class RunningTotal {

    private static final long AMOUNT = 0;

    private static final long COUNT = 8;

    private final IpcSharedSegment totals;

    private final IpcMutex ledger;

    RunningTotal(IpcSharedSegment totals, IpcMutex ledger) {
        this.totals = totals;
        this.ledger = ledger;
    }

    void add(long amountCents) {
        this.ledger.lock();
        try {
            if (this.ledger.previousOwnerDied()) {
                // A process died holding the lock, perhaps between the two writes below.
                Console.say("the last holder of " + this.ledger.name() + " died; the total may be off by one order");
            }
            this.totals.putLong(AMOUNT, this.totals.getLong(AMOUNT) + amountCents);
            this.totals.putLong(COUNT, this.totals.getLong(COUNT) + 1);
        }
        finally {
            this.ledger.unlock();
        }
    }

    String segmentName() {
        return this.totals.name();
    }

    /** The amount in cents and the number of orders, read together. */
    long[] read() {
        this.ledger.lock();
        try {
            return new long[] { this.totals.getLong(AMOUNT), this.totals.getLong(COUNT) };
        }
        finally {
            this.ledger.unlock();
        }
    }
}
