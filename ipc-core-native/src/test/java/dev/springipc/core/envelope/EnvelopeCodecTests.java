package dev.springipc.core.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.springipc.core.IpcEnvelope;
import dev.springipc.core.IpcEnvelopeFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeCodecTests {

    @Test
    void headersAndPayloadRoundTripInOrder() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(IpcEnvelope.CONTENT_TYPE, "application/json");
        headers.put(IpcEnvelope.CORRELATION_ID, "42");
        headers.put(IpcEnvelope.REPLY_TO, "replies");
        headers.put(IpcEnvelope.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        headers.put("x-tenant", "ü-unicode");
        IpcEnvelope envelope = new IpcEnvelope(headers, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        IpcEnvelope decoded = IpcEnvelope.decode(envelope.encode());
        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.headers().keySet()).containsExactlyElementsOf(headers.keySet());
    }

    @Test
    void theWireFormatIsExactlyAsDocumented() {
        byte[] wire = IpcEnvelope.of(new byte[] { 9 }).withHeader("k", "vv").encode();
        assertThat(wire).containsExactly(
                'I', 'P', 'C', 'E', 1, 0, 0, 1,
                0, 1, 'k', 0, 0, 0, 2, 'v', 'v',
                0, 0, 0, 1, 9);
    }

    @Test
    void truncatedOrOversizedInputIsRefusedWithAReason() {
        byte[] wire = IpcEnvelope.of(new byte[100]).withHeader("name", "value").encode();
        for (int cut = 0; cut < wire.length; cut++) {
            byte[] truncated = Arrays.copyOf(wire, cut);
            assertThatThrownBy(() -> IpcEnvelope.decode(truncated)).as("cut at %d", cut)
                    .isInstanceOf(IpcEnvelopeFormatException.class);
        }
        byte[] hugeValue = wire.clone();
        ByteBuffer.wrap(hugeValue).putInt(8 + 2 + 4, 0x7fffffff);
        assertThatThrownBy(() -> IpcEnvelope.decode(hugeValue)).isInstanceOf(IpcEnvelopeFormatException.class)
                .hasMessageContaining("announces 2147483647 bytes");
        byte[] raw = "plain text".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> IpcEnvelope.decode(raw)).isInstanceOf(IpcEnvelopeFormatException.class)
                .hasMessageContaining("wire-format");
        byte[] manyHeaders = wire.clone();
        ByteBuffer.wrap(manyHeaders).putShort(6, (short) 60000);
        assertThatThrownBy(() -> IpcEnvelope.decode(manyHeaders)).isInstanceOf(IpcEnvelopeFormatException.class)
                .hasMessageContaining("60000 headers");
    }
}
