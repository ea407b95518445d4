package dev.springipc.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The peer JVM of a {@link RingDuel}: one for all cells of a topology and form, so the matrix
 * does not pay a JVM start per figure. Reads one command per line from stdin (the end of stdin
 * means the measuring JVM is gone: we exit), opens the rings the measuring JVM created, prints
 * {@code READY}, serves, closes them and prints {@code DONE}:
 * <ul>
 * <li>{@code produce <topology> <form> <ring> <size> <contender> <name>}: sends numbered
 * messages until the line {@code stop} comes, then {@link RingDuel#END};</li>
 * <li>{@code echo <topology> <form> <ring> <size> <contender> <in> <out>}: sends back every
 * sequence number it receives until {@link RingDuel#END};</li>
 * <li>{@code probe <name>}: answers a {@link PlacementProbe} until it stops;</li>
 * <li>{@code exit}.</li>
 * </ul>
 */
final class RingDuelPeer {

    private RingDuelPeer() {
    }

    /** Set by the reader thread when {@code stop} comes; read by the producing loop. */
    private static volatile boolean stop;

    static void run() throws Exception {
        exitWhenParentDies();
        BlockingQueue<String> commands = readCommands();
        for (String line = commands.take(); !line.equals("exit"); line = commands.take()) {
            String[] args = line.split(" ");
            if (args[0].equals("probe")) {
                probe(args[1]);
                continue;
            }
            RingCell cell = new RingCell(RingCell.Topology.valueOf(args[1]), RingCell.Form.valueOf(args[2]),
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            RingCell.Contender contender = RingCell.Contender.valueOf(args[5]);
            switch (args[0]) {
                case "produce" -> produce(cell, contender, args[6]);
                case "echo" -> echo(cell, contender, args[6], args[7]);
                default -> throw new IllegalArgumentException("unknown command " + line);
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }

    /**
     * A thread that reads stdin: {@code stop} sets {@link #stop} at once (the main thread is busy
     * producing then); every other line is queued; the end of stdin queues {@code exit}.
     */
    private static BlockingQueue<String> readCommands() {
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("stop")) {
                        stop = true;
                    }
                    else {
                        commands.add(line);
                    }
                }
            }
            catch (IOException ignored) {
                // Same as the end of stdin.
            }
            commands.add("exit");
        }, "commands");
        reader.setDaemon(true);
        reader.start();
        return commands;
    }

    private static void produce(RingCell cell, RingCell.Contender contender, String name) throws Exception {
        try (Channel out = cell.open(contender, name, false)) {
            stop = false;
            ready();
            long seq = 0;
            // The flag is read every 256th message: the loop is the producer's hot path too.
            while (!stop) {
                for (int i = 0; i < 256; i++) {
                    out.send(seq++);
                }
            }
            out.send(RingDuel.END);
        }
    }

    private static void probe(String name) throws IOException {
        try (PlacementProbe probe = PlacementProbe.open(name)) {
            ready();
            probe.echo();
        }
        System.out.println("DONE");
        System.out.flush();
    }

    private static void echo(RingCell cell, RingCell.Contender contender, String in, String out) throws Exception {
        try (Channel requests = cell.open(contender, in, false); Channel replies = cell.open(contender, out, false)) {
            ready();
            while (true) {
                while (requests.poll(1) == 0) {
                    Thread.onSpinWait();
                }
                if (requests.lastSeq() == RingDuel.END) {
                    return;
                }
                replies.send(requests.lastSeq());
            }
        }
    }

    /**
     * Stdin carries the commands here, so its end cannot be the only sign of a dead parent while
     * we spin in an echo: a daemon thread also looks at the parent once a second.
     */
    private static void exitWhenParentDies() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        Thread watchdog = new Thread(() -> {
            while (parent != null && parent.isAlive()) {
                try {
                    Thread.sleep(1000);
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
            System.exit(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void ready() {
        System.out.println("READY");
        System.out.flush();
    }
}
