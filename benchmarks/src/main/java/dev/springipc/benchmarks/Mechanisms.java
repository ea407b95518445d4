package dev.springipc.benchmarks;

import java.util.List;

/** Every mechanism, in the order one repeat runs them: each of ours right after its baseline. */
final class Mechanisms {

    static final List<Mechanism> ALL = List.of(
            new AgronaMechanism("agrona-copy", false, true),
            new ShmMechanism(ShmMechanism.Form.PLAIN),
            new AgronaMechanism("agrona-handler", false, false),
            new ShmMechanism(ShmMechanism.Form.POLL),
            new ShmMechanism(ShmMechanism.Form.INTO),
            new AgronaMechanism("agrona-m2o", true, false),
            new ShmMechanism(ShmMechanism.Form.MANY_POLL),
            KernelMechanism.posix(),
            KernelMechanism.sysv(),
            KernelMechanism.fifo());

    private Mechanisms() {
    }

    static Mechanism byId(String id) {
        for (Mechanism mechanism : ALL) {
            if (mechanism.id().equals(id)) {
                return mechanism;
            }
        }
        throw new IllegalArgumentException("unknown mechanism " + id);
    }
}
