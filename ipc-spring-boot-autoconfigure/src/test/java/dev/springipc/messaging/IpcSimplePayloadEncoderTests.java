package dev.springipc.messaging;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.springipc.core.IpcEnvelope;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct encoder writes the envelope the full path (converter, header mapper, envelope codec)
 * writes for the same payload and headers, the same headers and payload (the full path's header
 * order follows a hash map's): a plain message, a request with a
 * correlation id and a reply-to, and a reply with the correlation id read in place from the
 * request's bytes, in either byte order of the buffer they lie in.
 */
class IpcSimplePayloadEncoderTests {

    private final IpcMessageConverter converter = IpcMessageConverter.withDefaults();

    private final IpcWireCodec codec = new IpcWireCodec(new IpcHeaderMapper());

    private final IpcSimplePayloadEncoder encoder = IpcSimplePayloadEncoder.of(this.converter, this.codec);

    private static final List<Object> PAYLOADS = List.of("h\u00e9llo", "", new byte[] { 7, 8 }, new byte[0]);

    @Test
    void aRequestIsWhatTheFullPathWritesForItsCorrelationIdAndReplyTo() {
        for (Object payload : PAYLOADS) {
            byte[] direct = this.encoder.encodeRequest(payload, ascii("4711-42"), utf8("r\u00e9plies"));
            assertSameEnvelope(direct, fullPath(payload, Map.of(IpcHeaders.CORRELATION_ID, "4711-42",
                    IpcHeaders.REPLY_TO, "r\u00e9plies")), "request of " + payload);
        }
    }

    @Test
    void aReplyCopiesTheCorrelationIdFromWhereTheRequestLies() {
        byte[] request = this.encoder.encodeRequest("ping", ascii("4711-43"), ascii("replies"));
        for (ByteOrder order : new ByteOrder[] { ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN }) {
            ByteBuffer lying = ByteBuffer.allocateDirect(request.length + 5).order(order);
            lying.put(5, request);
            dev.springipc.core.IpcEnvelopeView view = new dev.springipc.core.IpcEnvelopeView();
            assertThat(view.wrap(lying, 5, request.length)).isTrue();
            for (Object payload : PAYLOADS) {
                byte[] direct = this.encoder.encodeReply(payload, lying, view.correlationIdOffset(),
                        view.correlationIdLength());
                assertSameEnvelope(direct, fullPath(payload, Map.of(IpcHeaders.CORRELATION_ID, "4711-43")),
                        "reply of " + payload + " in " + order);
            }
        }
    }

    @Test
    void withoutHeadersItIsThePlainMessageInEitherWireFormat() {
        for (Object payload : PAYLOADS) {
            assertThat(this.encoder.encode(payload, WireFormat.ENVELOPE)).isEqualTo(fullPath(payload, Map.of()));
            Message<byte[]> raw = toBytes(payload, Map.of());
            assertThat(this.encoder.encode(payload, WireFormat.RAW)).isEqualTo(this.codec.encode(raw, WireFormat.RAW));
        }
    }

    private static void assertSameEnvelope(byte[] direct, byte[] fullPath, String what) {
        IpcEnvelope ours = IpcEnvelope.decode(direct);
        IpcEnvelope theirs = IpcEnvelope.decode(fullPath);
        assertThat(ours.headers()).as(what).isEqualTo(theirs.headers()).isNotEmpty();
        assertThat(ours.payload()).as(what).isEqualTo(theirs.payload());
        assertThat(direct).as(what).hasSameSizeAs(fullPath);
    }

    private byte[] fullPath(Object payload, Map<String, Object> headers) {
        return this.codec.encode(toBytes(payload, headers), WireFormat.ENVELOPE);
    }

    private Message<byte[]> toBytes(Object payload, Map<String, Object> headers) {
        Message<?> converted = this.converter.toMessage(payload, new MessageHeaders(headers));
        return MessageBuilder.withPayload((byte[]) converted.getPayload()).copyHeaders(converted.getHeaders()).build();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
