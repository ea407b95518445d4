package dev.springipc.benchmarks;

/**
 * The peer JVM: opens the objects the measuring JVM created, by name, prints READY, then either
 * produces numbered messages or echoes each message it receives.
 */
final class Peer {

    private Peer() {
    }

    /** {@code produce <mechanism> <size> <count> <name>} or {@code echo <mechanism> <size> <count> <in> <out>}. */
    static void run(String[] args) throws Exception {
        Jvm.exitWhenParentDies();
        String role = args[0];
        Mechanism mechanism = Mechanisms.byId(args[1]);
        int size = Integer.parseInt(args[2]);
        long count = Long.parseLong(args[3]);
        if (role.equals("produce")) {
            try (Channel out = mechanism.open(args[4], size, false)) {
                ready();
                for (long seq = 0; seq < count; seq++) {
                    out.send(seq);
                }
            }
        }
        else if (role.equals("echo")) {
            try (Channel in = mechanism.open(args[4], size, false); Channel out = mechanism.open(args[5], size, false)) {
                ready();
                for (long i = 0; i < count; i++) {
                    while (in.poll(1) == 0) {
                        Thread.onSpinWait();
                    }
                    out.send(in.lastSeq());
                }
            }
        }
        else {
            throw new IllegalArgumentException("unknown peer role " + role);
        }
    }

    private static void ready() {
        System.out.println("READY");
        System.out.flush();
    }
}
