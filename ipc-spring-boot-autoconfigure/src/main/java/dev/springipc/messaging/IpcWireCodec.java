package dev.springipc.messaging;

import java.util.Map;

import dev.springipc.core.IpcEnvelope;
import dev.springipc.core.IpcEnvelopeFormatException;
import dev.springipc.core.IpcMessage;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Turns a {@code Message<byte[]>} into wire bytes for a destination's {@link WireFormat} and a
 * received {@link IpcMessage} back into a {@code Message<byte[]>}: the envelope codec's Spring side.
 */
public class IpcWireCodec {

    private final IpcHeaderMapper headerMapper;

    public IpcWireCodec(IpcHeaderMapper headerMapper) {
        this.headerMapper = headerMapper;
    }

    /**
     * Whether this is the codec as shipped, over the shipped {@link IpcHeaderMapper}: then the
     * template may write simple payloads without it (see {@code IpcSimplePayloadEncoder}).
     */
    public boolean isDefault() {
        return getClass() == IpcWireCodec.class && this.headerMapper.getClass() == IpcHeaderMapper.class;
    }

    /** The bytes to send: the payload alone ({@code raw}) or an encoded envelope. */
    public byte[] encode(Message<byte[]> message, WireFormat format) {
        if (format == WireFormat.RAW) {
            return message.getPayload();
        }
        return new IpcEnvelope(this.headerMapper.toEnvelope(message.getHeaders()), message.getPayload()).encode();
    }

    /**
     * The message a destination received, with the envelope's headers (if any) and
     * {@link IpcHeaders#RECEIVED_FROM}, {@link IpcHeaders#RAW_MESSAGE} and the queue's priority or type.
     * @throws MessageConversionException when an envelope destination received something else
     */
    public Message<byte[]> decode(IpcMessage received, IpcDestination source) {
        byte[] payload = received.payload();
        Map<String, Object> headers = Map.of();
        if (source.wireFormat() == WireFormat.ENVELOPE) {
            try {
                IpcEnvelope envelope = IpcEnvelope.decode(received.payload());
                payload = envelope.payload();
                headers = this.headerMapper.fromEnvelope(envelope.headers());
            }
            catch (IpcEnvelopeFormatException ex) {
                throw new MessageConversionException("'" + source.key() + "' received " + received.payload().length
                        + " bytes that are not an envelope (" + ex.getMessage() + "); a peer that sends raw bytes needs "
                        + source.propertyPath() + ".wire-format: raw", ex);
            }
        }
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload(payload)
            .copyHeaders(headers)
            .setHeader(IpcHeaders.RECEIVED_FROM, source.key())
            .setHeader(IpcHeaders.RAW_MESSAGE, received);
        if (received.priority() != 0) {
            builder.setHeader(IpcHeaders.PRIORITY, received.priority());
        }
        if (received.type() != 0) {
            builder.setHeader(IpcHeaders.TYPE, received.type());
        }
        return builder.build();
    }
}
