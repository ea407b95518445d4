package dev.springipc.core.envelope;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.springipc.core.IpcEnvelope;
import dev.springipc.core.IpcEnvelopeFormatException;
import dev.springipc.core.IpcEnvelopeView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link IpcEnvelopeView} reads what {@link IpcEnvelope#decode} reads, in place, in either byte
 * order of the buffer, and refuses exactly what decode refuses.
 */
class IpcEnvelopeViewTests {

    private static final byte[] UTF8_TEXT = "text/plain;charset=UTF-8".getBytes(StandardCharsets.UTF_8);

    @Test
    void findsThePayloadAndTheContentTypeInEitherByteOrderAtAnyOffset() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("tenant", "acme");
        headers.put(IpcEnvelope.CONTENT_TYPE, "text/plain;charset=UTF-8");
        byte[] wire = new IpcEnvelope(headers, "h\u00e9llo".getBytes(StandardCharsets.UTF_8)).encode();
        for (ByteOrder order : new ByteOrder[] { ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN }) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(wire.length + 10).order(order);
            buffer.put(7, wire);
            IpcEnvelopeView view = new IpcEnvelopeView();
            assertThat(view.wrap(buffer, 7, wire.length)).as("%s", order).isTrue();
            byte[] payload = new byte[view.payloadLength()];
            buffer.get(view.payloadOffset(), payload);
            assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("h\u00e9llo");
            assertThat(view.hasContentType()).isTrue();
            assertThat(view.contentTypeIs(UTF8_TEXT)).isTrue();
            assertThat(view.contentTypeIs("application/json".getBytes(StandardCharsets.UTF_8))).isFalse();
        }
        IpcEnvelopeView bare = new IpcEnvelopeView();
        byte[] empty = IpcEnvelope.of(new byte[0]).encode();
        assertThat(bare.wrap(ByteBuffer.wrap(empty), 0, empty.length)).isTrue();
        assertThat(bare.payloadLength()).isZero();
        assertThat(bare.hasContentType()).isFalse();
    }

    @Test
    void findsTheCorrelationIdAndReplyToAndCountsTheOtherHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(IpcEnvelope.CORRELATION_ID, "stale");
        headers.put("tenant", "acme");
        headers.put(IpcEnvelope.REPLY_TO, "replies");
        headers.put(IpcEnvelope.CORRELATION_ID + "-not", "x");
        byte[] wire = new IpcEnvelope(headers, new byte[] { 9 }).encode();
        // A header named twice: the last one wins, as in decode (the map above cannot hold two).
        byte[] twice = withSecondCorrelationId(wire, "4711-12");
        IpcEnvelopeView view = new IpcEnvelopeView();
        assertThat(view.wrap(ByteBuffer.wrap(twice), 0, twice.length)).isTrue();
        assertThat(IpcEnvelope.decode(twice).headers()).containsEntry(IpcEnvelope.CORRELATION_ID, "4711-12");
        assertThat(new String(twice, view.correlationIdOffset(), view.correlationIdLength(), StandardCharsets.UTF_8))
            .isEqualTo("4711-12");
        assertThat(view.hasReplyTo()).isTrue();
        assertThat(view.replyToIs("replies".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(view.replyToIs("replies2".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(new String(twice, view.replyToOffset(), view.replyToLength(), StandardCharsets.UTF_8))
            .isEqualTo("replies");
        assertThat(view.otherHeaders()).isEqualTo(2);
        byte[] bare = IpcEnvelope.of(new byte[] { 1 }).encode();
        assertThat(view.wrap(ByteBuffer.wrap(bare), 0, bare.length)).isTrue();
        assertThat(view.hasCorrelationId()).isFalse();
        assertThat(view.hasReplyTo()).isFalse();
        assertThat(view.otherHeaders()).isZero();
    }

    /** {@code wire} with one more correlation-id header appended to its header block. */
    private static byte[] withSecondCorrelationId(byte[] wire, String id) {
        ByteBuffer in = ByteBuffer.wrap(wire);
        int count = Short.toUnsignedInt(in.getShort(6));
        int at = 8;
        for (int i = 0; i < count; i++) {
            int name = Short.toUnsignedInt(in.getShort(at));
            at += 2 + name;
            at += 4 + in.getInt(at);
        }
        byte[] name = IpcEnvelope.CORRELATION_ID.getBytes(StandardCharsets.UTF_8);
        byte[] value = id.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(wire.length + 2 + name.length + 4 + value.length);
        out.put(wire, 0, at).putShort((short) name.length).put(name).putInt(value.length).put(value);
        out.put(wire, at, wire.length - at);
        out.putShort(6, (short) (count + 1));
        return out.array();
    }

    @Test
    void refusesEveryTruncationAndPaddingAndGarbageAsDecodeDoes() {
        byte[] wire = new IpcEnvelope(Map.of("a", "b", IpcEnvelope.CONTENT_TYPE, "x"), new byte[] { 1, 2, 3 }).encode();
        IpcEnvelopeView view = new IpcEnvelopeView();
        for (int length = 0; length < wire.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(wire, length);
            assertThat(view.wrap(ByteBuffer.wrap(cut), 0, length)).as("cut at %d", length).isFalse();
            assertThatThrownBy(() -> IpcEnvelope.decode(cut)).isInstanceOf(IpcEnvelopeFormatException.class);
        }
        byte[] padded = java.util.Arrays.copyOf(wire, wire.length + 1);
        assertThat(view.wrap(ByteBuffer.wrap(padded), 0, padded.length)).isFalse();
        byte[] garbage = "not an envelope".getBytes(StandardCharsets.UTF_8);
        assertThat(view.wrap(ByteBuffer.wrap(garbage), 0, garbage.length)).isFalse();
        assertThat(view.wrap(ByteBuffer.wrap(wire), 0, wire.length)).isTrue();
    }
}
