package dev.springipc.core.envelope;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import dev.springipc.core.IpcEnvelope;
import dev.springipc.core.IpcEnvelopeFormatException;
import dev.springipc.core.support.HostileInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Properties of the envelope decoder under hostile input: every envelope survives a round
 * trip; every truncation, random corruption and random byte string ends in a valid envelope
 * or an {@link IpcEnvelopeFormatException}, never another exception; announced lengths are
 * checked before anything is allocated for them. Prints {@code PROPERTY ...} figures.
 */
class EnvelopeCodecPropertyTests {

    private static final int CASES = 2_000;

    @Test
    void everyEnvelopeSurvivesTheRoundTrip() {
        Random random = HostileInput.random("envelope-round-trip");
        for (int round = 0; round < CASES; round++) {
            IpcEnvelope envelope = randomEnvelope(random);
            IpcEnvelope decoded = decode(EnvelopeCodec.encode(envelope));
            assertThat(decoded.headers()).isEqualTo(envelope.headers());
            assertThat(decoded.payload()).isEqualTo(envelope.payload());
        }
        System.out.println("PROPERTY envelope-round-trip cases=" + CASES);
    }

    @Test
    void everyTruncationIsATypedError() {
        Random random = HostileInput.random("envelope-truncation");
        long truncations = 0;
        for (int round = 0; round < CASES / 10; round++) {
            byte[] wire = EnvelopeCodec.encode(randomEnvelope(random));
            for (int length = 0; length < wire.length; length++) {
                int cut = length;
                assertThatThrownBy(() -> EnvelopeCodec.decode(wire, 0, cut))
                    .isInstanceOf(IpcEnvelopeFormatException.class);
                truncations++;
            }
        }
        System.out.println("PROPERTY envelope-truncation truncations=" + truncations + " typed-errors=" + truncations);
    }

    @Test
    void corruptedOrRandomBytesEndInAValidEnvelopeOrATypedError() {
        Random random = HostileInput.random("envelope-corruption");
        long valid = 0;
        long refused = 0;
        for (int round = 0; round < CASES * 5; round++) {
            byte[] wire;
            if (round % 2 == 0) {
                wire = EnvelopeCodec.encode(randomEnvelope(random));
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    wire[random.nextInt(wire.length)] = (byte) random.nextInt(256);
                }
            }
            else {
                // Random bytes behind a valid magic and version, so the decoder gets past its first check.
                wire = HostileInput.bytes(random, 256);
                if (wire.length >= 5) {
                    ByteBuffer.wrap(wire).putInt(0, EnvelopeCodec.MAGIC).put(4, EnvelopeCodec.VERSION);
                }
            }
            try {
                assertThat(EnvelopeCodec.decode(wire, 0, wire.length).payload().length).isLessThan(wire.length);
                valid++;
            }
            catch (IpcEnvelopeFormatException ex) {
                refused++;
            }
        }
        System.out.println("PROPERTY envelope-corruption cases=" + (CASES * 5) + " valid=" + valid + " typed-errors="
                + refused + " other-errors=0");
    }

    @Test
    void hugeAnnouncedLengthsAreRefusedBeforeAnyAllocation() {
        // A header value and a payload announcing 2 GiB and 4 GiB - 1, followed by a few bytes.
        ByteBuffer value = ByteBuffer.allocate(64).putInt(EnvelopeCodec.MAGIC).put(EnvelopeCodec.VERSION).put((byte) 0)
            .putShort((short) 1).putShort((short) 1).put((byte) 'h').putInt(0x7fffffff);
        ByteBuffer payload = ByteBuffer.allocate(64).putInt(EnvelopeCodec.MAGIC).put(EnvelopeCodec.VERSION)
            .put((byte) 0).putShort((short) 0).putInt(0xffffffff);
        long before = HostileInput.allocatedBytes();
        for (int i = 0; i < 1000; i++) {
            assertThatThrownBy(() -> EnvelopeCodec.decode(value.array(), 0, value.capacity()))
                .isInstanceOf(IpcEnvelopeFormatException.class).hasMessageContaining("2147483647 bytes");
            assertThatThrownBy(() -> EnvelopeCodec.decode(payload.array(), 0, payload.capacity()))
                .isInstanceOf(IpcEnvelopeFormatException.class).hasMessageContaining("4294967295 bytes");
        }
        long allocated = HostileInput.allocatedBytes() - before;
        // Exceptions, messages and AssertJ's objects: kilobytes per attempt, never the announced gigabytes.
        assertThat(allocated / 2000).isLessThan(64 * 1024);
        System.out.println("PROPERTY envelope-huge-lengths attempts=2000 allocated-per-attempt=" + (allocated / 2000));
    }

    private static IpcEnvelope decode(byte[] wire) {
        return EnvelopeCodec.decode(wire, 0, wire.length);
    }

    private static IpcEnvelope randomEnvelope(Random random) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            headers.put(randomString(random, 1 + random.nextInt(20)), randomString(random, random.nextInt(64)));
        }
        return new IpcEnvelope(headers, HostileInput.bytes(random, 512));
    }

    private static String randomString(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            // Mostly ASCII, some of the rest of the Basic Multilingual Plane (no lone surrogates).
            char c = (char) (random.nextInt(10) < 8 ? 0x20 + random.nextInt(0x5f) : 0xa0 + random.nextInt(0xd000));
            text.append(c);
        }
        return text.toString();
    }
}
