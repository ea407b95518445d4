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
