package dev.springipc.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell of the ring matrix (issue 16): a topology, a receive form, a ring size and a payload
 * size. Ours and Agrona's ring are measured in every cell doing the same work.
 */
record RingCell(Topology topology, Form form, int ringBytes, int size) {

    /** Ring areas of the matrix: 64 KiB, 1 MiB, 16 MiB. */
    static final List<Integer> RING_SIZES = List.of(64 << 10, 1 << 20, 16 << 20);

    /** Payloads of the matrix: 64 B, 1 KiB, 4 KiB. */
    static final List<Integer> PAYLOADS = List.of(64, 1024, 4096);

    /** Round trips are taken with this payload only. */
    static final int ROUND_TRIP_SIZE = 64;

    /** Who produces and who consumes. */
    enum Topology {
        /** One producer, one consumer: our single-producer, single-consumer ring vs {@code OneToOneRingBuffer}. */
        ONE_TO_ONE("o2o", "one-to-one"),
        /**
         * Many producers allowed (a CAS per send), one consumer: ours vs {@code ManyToOneRingBuffer}.
         * One producer process sends, as the machine has two CPUs.
         */
        MANY_TO_ONE("m2o", "many-to-one");

        final String id;

        final String label;

        Topology(String id, String label) {
            this.id = id;
            this.label = label;
        }
    }

    /** How the receiver takes each message, ours and Agrona's doing the same work. */
    enum Form {
        /** Ours {@code receive(Duration)} (a new IpcMessage and byte[]) vs Agrona copying into a new byte[]. */
        PLAIN("plain", "receive(Duration) vs Agrona copy to new byte[]", ShmMechanism.Form.PLAIN,
                AgronaMechanism.Receive.COPY_NEW),
        /** Ours {@code poll(handler)} vs Agrona's handler, both reading the sequence number in place. */
        POLL("poll", "poll(handler) vs Agrona handler", ShmMechanism.Form.POLL, AgronaMechanism.Receive.IN_PLACE),
        /** Ours {@code receive(byte[])} vs Agrona's handler copying into one reused array. */
        INTO("into", "receive(byte[]) vs Agrona handler copy to reused byte[]", ShmMechanism.Form.INTO,
                AgronaMechanism.Receive.COPY_REUSED);

        final String id;

        final String label;

        final ShmMechanism.Form ours;

        final AgronaMechanism.Receive agrona;

        Form(String id, String label, ShmMechanism.Form ours, AgronaMechanism.Receive agrona) {
            this.id = id;
            this.label = label;
            this.ours = ours;
            this.agrona = agrona;
        }
    }

    /** E.g. {@code o2o/poll/64KiB/64B}. */
    String id() {
        return this.topology.id + "/" + this.form.id + "/" + bytes(this.ringBytes) + "/" + bytes(this.size);
    }

    /** The throughput cells of one topology and form, ring size outer, payload inner. */
    static List<RingCell> throughputCells(Topology topology, Form form) {
        List<RingCell> cells = new ArrayList<>();
        for (int ring : RING_SIZES) {
            for (int size : PAYLOADS) {
                cells.add(new RingCell(topology, form, ring, size));
            }
        }
        return cells;
    }

    /** The round-trip cells of one topology and form: every ring size, 64 B. */
    static List<RingCell> roundTripCells(Topology topology, Form form) {
        return RING_SIZES.stream().map(ring -> new RingCell(topology, form, ring, ROUND_TRIP_SIZE)).toList();
    }

    /** 64B, 1KiB, 16MiB. */
    static String bytes(int bytes) {
        if (bytes >= 1 << 20) {
            return (bytes >> 20) + "MiB";
        }
        return (bytes >= 1024) ? (bytes >> 10) + "KiB" : bytes + "B";
    }

    /** Opens one side of this cell's ring for ours or Agrona's (creating it if {@code create}). */
    Channel open(Contender contender, String name, boolean create) {
        return switch (contender) {
            case OURS -> ShmMechanism.open(name, this.size, create, this.ringBytes,
                    this.topology == Topology.ONE_TO_ONE, this.form.ours);
            case AGRONA -> AgronaMechanism.open(name, this.size, create, this.ringBytes,
                    this.topology == Topology.MANY_TO_ONE, this.form.agrona);
        };
    }

    /** The two rings of a cell. */
    enum Contender {
        /** Our shm queue ({@link ShmMechanism}). */
        OURS("ours"),
        /** Agrona's ring buffer of the same topology over a file in /dev/shm ({@link AgronaMechanism}). */
        AGRONA("agrona");

        final String id;

        Contender(String id) {
            this.id = id;
        }
    }
}
