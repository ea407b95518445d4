package dev.springipc.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The wire bytes of a {@code String} or {@code byte[]} payload sent without headers, written
 * straight from the payload: what the default converter chain and wire codec make of such a
 * payload does not depend on the payload, so it is taken once, at construction, from one sample
 * through the full path (converter, header mapper, envelope codec), and each message then costs
 * its payload bytes and one wire array, without {@code MessageHeaders}, a converter walk or a
 * header map. The full path stays the authority: with another converter or codec class there is
 * no encoder, and a sample whose result is not the payload as is (bytes) or in UTF-8 (text) gives none.
 */
final class IpcSimplePayloadEncoder {

    private static final String TEXT_SAMPLE = "s\u00e9";

    private static final byte[] BYTES_SAMPLE = { 1, 2, 3 };

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
        boolean text = payload instanceof String;
        byte[] bytes = text ? ((String) payload).getBytes(StandardCharsets.UTF_8) : (byte[]) payload;
        if (format == WireFormat.RAW) {
            return bytes;
        }
        byte[] block = text ? this.textBlock : this.bytesBlock;
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

    private static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                | (bytes[at + 3] & 0xff);
    }
}
