package dev.springipc.autoconfigure;

import java.util.List;

import dev.springipc.autoconfigure.OwnerRecords.OwnerRecord;
import dev.springipc.core.CreateMode;

/**
 * Decides how to open an object that a process which has died may have left behind. The rule:
 * a start after a crash finds what a clean stop would have left.
 * <ul>
 * <li>Only an object whose recorded creator is dead and that no live process records as in use
 * is stale. An object a live process uses is opened as it is; so is one created by a process
 * that keeps no records (a native peer).</li>
 * <li>A stale semaphore is recreated with its configured permits: permits the dead process held
 * would otherwise be lost, and waiters would block forever.</li>
 * <li>Any other stale object is recreated when its cleanup policy is {@code owned} or
 * {@code always} (a clean stop would have removed it) and reused, contents and all, when it is
 * {@code never}.</li>
 * <li>{@code create: open-only} never recreates: the application does not manage the object.</li>
 * </ul>
 */
final class StaleObjectRecovery {

    private StaleObjectRecovery() {
    }

    /**
     * The create mode to open with, given the object's records.
     * @param declaration the declared resource
     * @param dead records of processes that have died
     * @param live records of other processes that still run
     */
    static Decision decide(IpcResourceDeclaration declaration, List<OwnerRecord> dead, List<OwnerRecord> live) {
        boolean deadCreator = dead.stream().anyMatch(OwnerRecord::owner);
        CreateMode configured = declaration.create();
        if (!deadCreator || !live.isEmpty() || configured == CreateMode.OPEN_ONLY) {
            return new Decision(configured, deadCreator && !live.isEmpty(), null);
        }
        String who = "left by process " + dead.stream().filter(OwnerRecord::owner).findFirst().orElseThrow().pid()
                + ", which died without removing it";
        if (declaration.kind().holdsPermits()) {
            return new Decision(CreateMode.RECREATE, false, who + ": recreated it, since permits the dead process held "
                    + "cannot be given back");
        }
        if (declaration.cleanup() == CleanupPolicy.NEVER) {
            return new Decision(configured, false, who + ": reusing it as cleanup is never");
        }
        return new Decision(CreateMode.RECREATE, false, who + ": recreated it, as a clean stop would have removed it");
    }

    /**
     * How to open.
     * @param create the create mode to use
     * @param inheritOwnership whether the dead creator's live peers inherit the duty to remove the
     * object (the last of them removes it)
     * @param message what recovery did, for the log, or null when nothing was stale
     */
    record Decision(CreateMode create, boolean inheritOwnership, @org.jspecify.annotations.Nullable String message) {
    }
}
