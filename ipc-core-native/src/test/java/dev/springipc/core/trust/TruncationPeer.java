package dev.springipc.core.trust;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.springipc.core.IpcBarrier;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcMutex;
import dev.springipc.core.IpcSharedSegment;
import dev.springipc.core.IpcShmQueue;
import dev.springipc.core.IpcSpinLock;

/**
 * A JVM that opens a segment, a mutex, a spin lock, a barrier, an shm ring queue of one producer
 * and one consumer, and a size-checked ring of many producers and consumers (names
 * {@code <prefix>.seg} etc.), has another process truncate each to 0 bytes, then makes every
 * access and prints {@code TRANSLATED <operation>} for an {@link IpcException} that names the
 * object, or {@code NOT-TRANSLATED <operation> <what happened>}; closes the ring and prints
 * {@code SURVIVED ring.close}. Unlinks everything, prints {@code DONE}.
 */
public final class TruncationPeer {

    private TruncationPeer() {
    }

    public static void main(String[] args) throws Exception {
        String prefix = args[0];
        try (IpcSharedSegment segment = IpcSharedSegment.builder(prefix + ".seg").size(1 << 20).open();
                IpcMutex mutex = IpcMutex.builder(prefix + ".mutex").open();
                IpcSpinLock spin = IpcSpinLock.builder(prefix + ".spin").open();
                IpcBarrier barrier = IpcBarrier.builder(prefix + ".barrier").parties(2).open();
                IpcMessageQueue ring = IpcMessageQueue.shm(prefix + ".ring").maxMessages(8).maxMessageSize(64)
                    .singleProducer(true)
                    .singleConsumer(true)
                    .open();
                IpcShmQueue checked = IpcMessageQueue.shm(prefix + ".checked").maxMessages(8).maxMessageSize(64)
                    .sizeChecked(true)
                    .open()) {
            // A sole producer and consumer hold their slots from the first send and receive on;
            // close frees them with a compare-and-set.
            ring.send(new byte[8]);
            ring.receive(Duration.ofSeconds(5));
            Map<String, Callable<?>> accesses = new LinkedHashMap<>();
            accesses.put("mutex.ownerDeaths", mutex::ownerDeaths);
            accesses.put("mutex.lastOwnerDeath", mutex::lastOwnerDeath);
            accesses.put("spinLock.takeovers", spin::takeovers);
            accesses.put("spinLock.holderPid", spin::holderPid);
            accesses.put("barrier.isBroken", barrier::isBroken);
            accesses.put("barrier.numberWaiting", barrier::numberWaiting);
            // Last: a fault they leave pending must not be blamed on another access.
            accesses.put("segment.getLong", () -> segment.getLong(4096));
            accesses.put("segment.putLong", () -> {
                segment.putLong(4096, 1);
                return null;
            });
            accesses.put("segment.read", () -> {
                segment.read(8192, new byte[64], 0, 64);
                return null;
            });
            accesses.put("segment.write", () -> {
                segment.write(8192, new byte[64], 0, 64);
                return null;
            });
            // Atomic: unrefused, these would kill this JVM with SIGBUS.
            accesses.put("segment.compareAndSetLong", () -> segment.compareAndSetLong(4096, 1, 1));
            accesses.put("segment.getAndAddLong", () -> segment.getAndAddLong(4096, 0));
            // A size-checked ring of many producers and consumers: its sends compare-and-set the
            // tail and its receives take a lock with one, so each must be refused before.
            byte[] message = new byte[16];
            byte[] into = new byte[64];
            accesses.put("checkedRing.send", () -> {
                checked.send(message);
                return null;
            });
            accesses.put("checkedRing.trySend", () -> checked.trySend(message, 0, Duration.ZERO));
            accesses.put("checkedRing.receive", () -> checked.receive(Duration.ZERO));
            accesses.put("checkedRing.receiveInto", () -> checked.receive(into, Duration.ZERO));
            accesses.put("checkedRing.poll", () -> checked.poll((buffer, offset, length, tag) -> {
            }, 8));
            accesses.put("checkedRing.receiveBatch", () -> checked.receive((buffer, offset, length, tag) -> {
            }, 8, Duration.ZERO));
            accesses.put("checkedRing.depth", checked::depth);
            // Hot before the fault, so that the JIT has compiled the accessors (unless -Xint).
            for (int i = 0; i < 20_000; i++) {
                for (Callable<?> access : accesses.values()) {
                    access.call();
                }
            }
            accesses.put("barrier.await", () -> barrier.await(Duration.ofMillis(100)));
            accesses.put("barrier.reset", () -> {
                barrier.reset();
                return null;
            });
            // The unchecked ring's consumer, idle: it checks the size before it sleeps.
            accesses.put("ring.receive", () -> ring.receive(Duration.ofMillis(300)));
            for (String kind : new String[] { "seg", "mutex", "spin", "barrier", "ring", "checked" }) {
                truncate(prefix + "." + kind);
            }
            for (Map.Entry<String, Callable<?>> access : accesses.entrySet()) {
                try {
                    access.getValue().call();
                    System.out.println("NOT-TRANSLATED " + access.getKey() + " returned normally");
                }
                catch (IpcException ex) {
                    boolean named = ex.getMessage().contains(prefix) && ex.getMessage().contains("truncated");
                    System.out.println((named ? "TRANSLATED " : "NOT-TRANSLATED ") + access.getKey()
                            + (named ? "" : " " + ex.getMessage()));
                }
                catch (Throwable ex) {
                    System.out.println("NOT-TRANSLATED " + access.getKey() + " " + ex + " at " + java.util.Arrays.toString(java.util.Arrays.copyOf(ex.getStackTrace(), 4)));
                }
            }
            // Closing the ring releases its producer and consumer slots with a compare-and-set,
            // unless the mapping is truncated: this JVM survives only if close skips it.
            ring.close();
            System.out.println("SURVIVED ring.close");
            // A fault that HotSpot raised late (none is expected) lands here.
            for (AutoCloseable unlink : new AutoCloseable[] { segment::unlink, mutex::unlink, spin::unlink,
                    barrier::unlink, ring::unlink, checked::unlink }) {
                try {
                    unlink.close();
                }
                catch (Throwable late) {
                    System.out.println("LATE " + late);
                    unlink.close();
                }
            }
        }
        System.out.println("DONE");
    }

    /** Another process truncates the object: the truncate(1) tool. */
    private static void truncate(String name) throws Exception {
        Process truncate = new ProcessBuilder("truncate", "-s", "0", "/dev/shm" + name).inheritIO().start();
        if (truncate.waitFor() != 0) {
            throw new IllegalStateException("truncate failed for " + name);
        }
    }
}
