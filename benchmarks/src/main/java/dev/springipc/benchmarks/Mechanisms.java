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

    /**
     * The user-level family: our template and listeners over each queue type, then a plain
     * Unix-domain socket and Spring Integration TCP, the baselines of a user without this library.
     */
    static final List<UserMechanism> USER = List.of(new SpringMechanism(SpringMechanism.Kind.SHM),
            new SpringMechanism(SpringMechanism.Kind.SHM_SPIN), new SpringMechanism(SpringMechanism.Kind.POSIX),
            new SpringMechanism(SpringMechanism.Kind.SYSV), new UdsMechanism(), new TcpIntegrationMechanism());

    /**
     * One Spring Cloud Stream application over the ipc binder and over the rabbit binder (a
     * RabbitMQ broker on localhost:5672), in that order: ipc is compared with rabbit.
     */
    static final List<CloudStreamMechanism> CLOUD_STREAM = List.of(new CloudStreamMechanism("ipc"),
            new CloudStreamMechanism("rabbit"));

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

    /** The user-level mechanism {@code id} (spring or cloud-stream family), or null if it is a core one. */
    static UserMechanism userById(String id) {
        UserMechanism spring = USER.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
        return (spring != null) ? spring
                : CLOUD_STREAM.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }
}
