package dev.springipc.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import dev.springipc.core.IpcEnvelope;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The wire bytes of a {@code String} or {@code byte[]} payload sent without headers, or as a
 * request (a correlation id and a reply-to) or a reply (a correlation id), written straight from
 * the payload: what the default converter chain and wire codec make of such a
 * payload does not depend on the payload, so it is taken once, at construction, from one sample
 * through the full path (converter, header mapper, envelope codec), and each message then costs
 * its payload bytes and one wire array, without {@code MessageHeaders}, a converter walk or a
 * header map. The full path stays the authority: with another converter or codec class there is
 * no encoder, and a sample whose result is not the payload as is (bytes) or in UTF-8 (text) gives none.
 */
final class IpcSimplePayloadEncoder {

    private static final String TEXT_SAMPLE = "s\u00e9";

    private static final byte[] BYTES_SAMPLE = { 1, 2, 3 };

    /** Where the envelope keeps its header count (docs/core.md). */
    private static final int HEADER_COUNT_AT = 6;

    private static final byte[] CORRELATION_ID = IpcEnvelope.CORRELATION_ID.getBytes(StandardCharsets.US_ASCII);

    private static final byte[] REPLY_TO = IpcEnvelope.REPLY_TO.getBytes(StandardCharsets.US_ASCII);

    /** The envelope before the payload length, for text and for bytes. */
    private final byte[] textBlock;

    private final byte[] bytesBlock;

    private IpcSimplePayloadEncoder(byte[] textBlock, byte[] bytesBlock) {
        this.textBlock = textBlock;
        this.bytesBlock = bytesBlock;
    }

    /** The encoder for {@code converter} and {@code codec}, or null when they are not the defaults. */
    static @Nullable IpcSimplePayloadEncoder of(MessageConverter converter, IpcWireCodec codec) {
        if (converter.getClass() != IpcMessageConverter.class || !codec.isDefault()) {
            return null;
        }
        try {
            byte[] textBlock = block(converter, codec, TEXT_SAMPLE, TEXT_SAMPLE.getBytes(StandardCharsets.UTF_8));
            byte[] bytesBlock = block(converter, codec, BYTES_SAMPLE, BYTES_SAMPLE);
            return (textBlock != null && bytesBlock != null) ? new IpcSimplePayloadEncoder(textBlock, bytesBlock) : null;
        }
        catch (RuntimeException ex) {
            return null; // the full path will say what is wrong, message by message
        }
    }

    /** The header block the full path writes before {@code expected}, or null if it writes other bytes. */
    private static byte @Nullable [] block(MessageConverter converter, IpcWireCodec codec, Object sample,
            byte[] expected) {
        Message<?> converted = converter.toMessage(sample, new MessageHeaders(Map.of()));
        if (converted == null || !(converted.getPayload() instanceof byte[] payload) || !Arrays.equals(payload, expected)) {
            return null;
        }
        byte[] wire = codec.encode(MessageBuilder.withPayload(payload).copyHeaders(converted.getHeaders()).build(),
                WireFormat.ENVELOPE);
        int block = wire.length - expected.length - 4;
        if (block < 0 || !Arrays.equals(wire, block + 4, wire.length, expected, 0, expected.length)
                || readInt(wire, block) != expected.length) {
            return null;
        }
        return Arrays.copyOf(wire, block);
    }

    /** The wire bytes of {@code payload} (a String or byte[]) for {@code format}. */
    byte[] encode(Object payload, WireFormat format) {
        byte[] bytes = bytesOf(payload);
        if (format == WireFormat.RAW) {
            return bytes;
        }
        // One array, written by hand: the hot path of convertAndSend.
        byte[] block = (payload instanceof String) ? this.textBlock : this.bytesBlock;
        byte[] wire = new byte[block.length + 4 + bytes.length];
        System.arraycopy(block, 0, wire, 0, block.length);
        int at = block.length;
        wire[at] = (byte) (bytes.length >>> 24);
        wire[at + 1] = (byte) (bytes.length >>> 16);
        wire[at + 2] = (byte) (bytes.length >>> 8);
        wire[at + 3] = (byte) bytes.length;
        System.arraycopy(bytes, 0, wire, at + 4, bytes.length);
        return wire;
    }

    /**
     * The envelope of a request: {@code payload} (a String or byte[]) with a correlation id and
     * a reply-to, as the full path writes them for the headers {@link IpcHeaders#CORRELATION_ID}
     * and {@link IpcHeaders#REPLY_TO}.
     */
    byte[] encodeRequest(Object payload, byte[] correlationId, byte[] replyTo) {
        byte[] bytes = bytesOf(payload);
        ByteBuffer wire = start(payload, bytes, 2, header(CORRELATION_ID, correlationId.length)
                + header(REPLY_TO, replyTo.length));
        putHeader(wire, CORRELATION_ID, correlationId.length).put(correlationId);
        putHeader(wire, REPLY_TO, replyTo.length).put(replyTo);
        return finish(wire, bytes);
    }

    /**
     * The envelope of a reply: {@code payload} (a String or byte[]) with the correlation id in
     * {@code request[offset, offset + length)} (the request's header value, read in place).
     */
    byte[] encodeReply(Object payload, ByteBuffer request, int offset, int length) {
        byte[] bytes = bytesOf(payload);
        ByteBuffer wire = start(payload, bytes, 1, header(CORRELATION_ID, length));
        putHeader(wire, CORRELATION_ID, length);
        wire.put(wire.position(), request, offset, length);
        wire.position(wire.position() + length);
        return finish(wire, bytes);
    }

    private static byte[] bytesOf(Object payload) {
        return (payload instanceof String text) ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) payload;
    }

    /** A wire array with the block for {@code payload}'s kind, announcing {@code extraHeaders} more headers. */
    private ByteBuffer start(Object payload, byte[] bytes, int extraHeaders, int extraBytes) {
        byte[] block = (payload instanceof String) ? this.textBlock : this.bytesBlock;
        ByteBuffer wire = ByteBuffer.wrap(new byte[block.length + extraBytes + 4 + bytes.length]);
        wire.put(block);
        if (extraHeaders > 0) {
            wire.putShort(HEADER_COUNT_AT, (short) (Short.toUnsignedInt(wire.getShort(HEADER_COUNT_AT)) + extraHeaders));
        }
        return wire;
    }

    private static byte[] finish(ByteBuffer wire, byte[] bytes) {
        wire.putInt(bytes.length).put(bytes);
        return wire.array();
    }

    private static int header(byte[] name, int valueLength) {
        return 2 + name.length + 4 + valueLength;
    }

    private static ByteBuffer putHeader(ByteBuffer wire, byte[] name, int valueLength) {
        return wire.putShort((short) name.length).put(name).putInt(valueLength);
    }

    private static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                | (bytes[at + 3] & 0xff);
    }
}
