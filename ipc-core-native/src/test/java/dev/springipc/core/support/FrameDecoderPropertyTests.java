package dev.springipc.core.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.springipc.core.Framing;
import dev.springipc.core.IpcMessageTooLargeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Properties of every framing's decoder under hostile input, as a peer on the other end of a
 * FIFO or pipe could send it: valid frames in any chunking come out unchanged; random bytes in
 * any chunking yield only frames within the maximum or {@link IpcMessageTooLargeException},
 * and the buffer never grows past the maximum frame plus the framing's overhead. Prints
 * {@code PROPERTY ...} lines with the figures that docs/reliability.md quotes.
 */
class FrameDecoderPropertyTests {

    private static final int CASES = 2_000;

    @ParameterizedTest
    @EnumSource(Framing.class)
    void validFramesInAnyChunkingComeOutUnchanged(Framing framing) {
        Random random = HostileInput.random("frames-round-trip-" + framing);
        long frames = 0;
        for (int round = 0; round < CASES; round++) {
            int max = 1 + random.nextInt(4096);
            List<byte[]> sent = new ArrayList<>();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            ByteBuffer scratch = ByteBuffer.allocate(max + 4);
            int count = (framing == Framing.RAW) ? 1 : 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                byte[] payload = HostileInput.bytes(random, max);
                if (framing == Framing.LINES) {
                    for (int b = 0; b < payload.length; b++) {
                        payload[b] = (payload[b] == '\n') ? (byte) 'x' : payload[b];
                    }
                }
                sent.add(payload);
                int length = FrameEncoder.encode(framing, payload, scratch, "property");
                wire.write(scratch.array(), 0, length);
            }
            List<byte[]> received = decodeInChunks(FrameDecoder.create(framing, "property", max), wire.toByteArray(),
                    random, max + FrameEncoder.overhead(framing));
            if (framing == Framing.RAW) {
                assertThat(concat(received)).isEqualTo(sent.get(0));
            }
            else {
                assertThat(received).hasSize(sent.size());
                for (int i = 0; i < sent.size(); i++) {
                    assertThat(received.get(i)).isEqualTo(sent.get(i));
                }
            }
            frames += sent.size();
        }
        System.out.println("PROPERTY frames-round-trip " + framing + " cases=" + CASES + " frames=" + frames);
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    void randomBytesYieldBoundedFramesOrATypedError(Framing framing) {
        Random random = HostileInput.random("frames-garbage-" + framing);
        long valid = 0;
        long refused = 0;
        for (int round = 0; round < CASES; round++) {
            int max = 1 + random.nextInt(512);
            byte[] wire = HostileInput.bytes(random, 8192);
            if (framing == Framing.LINES && random.nextBoolean()) {
                // Sprinkle newlines so that both short and over-long lines occur.
                for (int i = 0; i < wire.length; i += 1 + random.nextInt(2 * max)) {
                    wire[i] = '\n';
                }
            }
            if (framing == Framing.LENGTH_PREFIXED && random.nextBoolean()) {
                // Prefixes around the maximum, each followed by a body that may or may not match it.
                ByteBuffer frames = ByteBuffer.wrap(wire);
                while (frames.remaining() >= 4) {
                    frames.putInt(random.nextInt(2 * max + 1));
                    frames.position(Math.min(frames.limit(), frames.position() + random.nextInt(2 * max + 1)));
                }
            }
            FrameDecoder decoder = FrameDecoder.create(framing, "property", max);
            int limit = max + FrameEncoder.overhead(framing);
            int offset = 0;
            while (offset < wire.length) {
                int chunk = Math.min(Math.min(decoder.room(), 1 + random.nextInt(1024)), wire.length - offset);
                decoder.append(ByteBuffer.wrap(wire, offset, chunk).slice(), chunk);
                offset += chunk;
                while (true) {
                    try {
                        byte[] frame = decoder.next();
                        if (frame == null) {
                            break;
                        }
                        assertThat(frame.length).isLessThanOrEqualTo(max);
                        valid++;
                    }
                    catch (IpcMessageTooLargeException ex) {
                        assertThat(ex).hasMessageContaining("exceeds the maximum frame size of " + max);
                        refused++;
                    }
                }
                assertThat(decoder.buffer.length).isLessThanOrEqualTo(limit);
            }
        }
        System.out.println("PROPERTY frames-garbage " + framing + " cases=" + CASES + " frames=" + valid
                + " refused-frames=" + refused + " other-errors=0");
    }

    @Test
    void aTwoGigabyteLengthPrefixCostsNoTwoGigabytes() {
        int max = 64 * 1024;
        FrameDecoder decoder = FrameDecoder.create(Framing.LENGTH_PREFIXED, "property", max);
        byte[] chunk = new byte[64 * 1024];
        long before = HostileInput.allocatedBytes();
        ByteBuffer header = ByteBuffer.allocate(4).putInt(0, 0x7fffffff);
        decoder.room();
        decoder.append(header, 4);
        assertThatThrownBy(decoder::next).isInstanceOf(IpcMessageTooLargeException.class)
            .hasMessageContaining("a frame announcing 2147483647 bytes");
        // The peer goes on sending the body it announced: 64 MiB of it is skipped, never kept.
        for (int i = 0; i < 1024; i++) {
            int room = decoder.room();
            decoder.append(ByteBuffer.wrap(chunk), Math.min(room, chunk.length));
            assertThat(decoder.next()).isNull();
        }
        long allocated = HostileInput.allocatedBytes() - before;
        assertThat(decoder.buffer.length).isLessThanOrEqualTo(max + 4);
        // The buffer (at most max + 4 bytes) plus ByteBuffer wrappers: far below the announced 2 GiB.
        assertThat(allocated).isLessThan(4L * max + 1024 * 1024);
        System.out.println("PROPERTY length-prefix-2GiB announced=2147483647 skipped=67108864 allocated=" + allocated);
    }

    private static List<byte[]> decodeInChunks(FrameDecoder decoder, byte[] wire, Random random, int limit) {
        List<byte[]> frames = new ArrayList<>();
        int offset = 0;
        while (offset < wire.length) {
            int chunk = Math.min(Math.min(decoder.room(), 1 + random.nextInt(512)), wire.length - offset);
            decoder.append(ByteBuffer.wrap(wire, offset, chunk).slice(), chunk);
            offset += chunk;
            for (byte[] frame = decoder.next(); frame != null; frame = decoder.next()) {
                frames.add(frame);
            }
            assertThat(decoder.buffer.length).isLessThanOrEqualTo(limit);
        }
        return frames;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach((part) -> out.write(part, 0, part.length));
        return out.toByteArray();
    }
}
