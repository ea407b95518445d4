package dev.springipc.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The floor for "a socket": a plain JDK Unix-domain stream socket ({@link UnixDomainSocketAddress},
 * blocking {@link SocketChannel}s) with 64-byte frames, one write per message. The peer listens
 * on a path in the JVM's temporary directory; the first connection is the one-way stream (the
 * peer counts bytes), the second the ping-pong (the peer echoes each frame).
 */
final class UdsMechanism implements UserMechanism {

    private static final int FRAME = UserMeasure.PAYLOAD.length();

    @Override
    public String id() {
        return "uds";
    }

    @Override
    public String description() {
        return "JDK Unix-domain SocketChannel, 64 B frames, one write per message";
    }

    @Override
    public String core() {
        return null;
    }

    @Override
    public List<Integer> callers() {
        return List.of(1);
    }

    @Override
    public long oneWayCount() {
        return 3_000_000;
    }

    @Override
    public long roundTripCount() {
        return 100_000;
    }

    private static Path path(String tag) {
        return Path.of(System.getProperty("java.io.tmpdir"), tag + "-uds.sock");
    }

    @Override
    public UserClient client(String tag) {
        Path path = path(tag);
        Cleanup.register(() -> deleteQuietly(path));
        return new UserClient() {

            private final ByteBuffer frame = ByteBuffer.allocateDirect(FRAME);

            private final byte[] bytes = new byte[FRAME];

            private SocketChannel oneWay;

            private SocketChannel pingPong;

            @Override
            public void connect(String info) throws IOException {
                this.oneWay = SocketChannel.open(UnixDomainSocketAddress.of(path));
                this.pingPong = SocketChannel.open(UnixDomainSocketAddress.of(path));
            }

            @Override
            public void send(String payload) throws IOException {
                write(this.oneWay, payload);
            }

            @Override
            public String request(String payload) throws IOException {
                write(this.pingPong, payload);
                this.frame.clear();
                readFully(this.pingPong, this.frame);
                this.frame.flip().get(this.bytes);
                return new String(this.bytes, StandardCharsets.US_ASCII);
            }

            private void write(SocketChannel channel, String payload) throws IOException {
                this.frame.clear();
                for (int i = 0; i < FRAME; i++) {
                    this.frame.put((byte) payload.charAt(i));
                }
                this.frame.flip();
                while (this.frame.hasRemaining()) {
                    channel.write(this.frame);
                }
            }

            @Override
            public void close() {
                closeQuietly(this.oneWay);
                closeQuietly(this.pingPong);
            }
        };
    }

    @Override
    public void serve(String tag, long warmup, long measured) throws IOException {
        Path path = path(tag);
        Cleanup.register(() -> deleteQuietly(path));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            System.out.println("READY|");
            System.out.flush();
            try (SocketChannel oneWay = server.accept(); SocketChannel pingPong = server.accept()) {
                Thread sink = new Thread(() -> count(oneWay, new ArrivalCounter(warmup, measured)), "uds-sink");
                sink.setDaemon(true);
                sink.start();
                ByteBuffer frame = ByteBuffer.allocateDirect(FRAME);
                while (true) {
                    frame.clear();
                    readFully(pingPong, frame);
                    frame.flip();
                    while (frame.hasRemaining()) {
                        pingPong.write(frame);
                    }
                }
            }
            catch (EOFException ex) {
                // The measuring side closed: done.
            }
        }
    }

    /** Reads the one-way stream in large chunks; every 64 bytes are one message. */
    private static void count(SocketChannel channel, ArrivalCounter arrivals) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        long bytes = 0;
        try {
            for (int n = channel.read(buffer); n >= 0; n = channel.read(buffer)) {
                long before = bytes / FRAME;
                bytes += n;
                arrivals.arrived(bytes / FRAME - before);
                buffer.clear();
            }
        }
        catch (IOException ex) {
            // The measuring side went away.
        }
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException();
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        }
        catch (IOException ignored) {
            // Closing: nothing more to do.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException ignored) {
            // Gone or unreachable: nothing more to do.
        }
    }
}
