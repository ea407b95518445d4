package dev.springipc.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.springipc.core.envelope.EnvelopeCodec;

/**
 * Reads an envelope in place (in a ring's shared memory, say) without decoding it: where the
 * payload is and whether the content type is a given one. One view is reused for message after
 * message by one thread; {@link #wrap} allocates nothing. The layout is {@link IpcEnvelope}'s
 * (docs/core.md); a view accepts exactly what {@link IpcEnvelope#decode(byte[])} accepts, so a
 * caller that finds {@link #wrap} false can decode the bytes for the error that names the problem.
 */
public final class IpcEnvelopeView {

    private static final int PREFIX = 8;

    private static final byte[] CONTENT_TYPE = IpcEnvelope.CONTENT_TYPE.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final byte[] CORRELATION_ID = IpcEnvelope.CORRELATION_ID
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static final byte[] REPLY_TO = IpcEnvelope.REPLY_TO.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ByteBuffer buffer = ByteBuffer.allocate(0);

    private boolean swap;

    private int payloadOffset;

    private int payloadLength;

    private int contentTypeOffset;

    private int contentTypeLength;

    private int correlationIdOffset;

    private int correlationIdLength;

    private int replyToOffset;

    private int replyToLength;

    private int otherHeaders;

    /**
     * Reads the header block of the envelope in {@code buffer[offset, offset + length)}.
     * @return false when the bytes are no well-formed envelope of this version
     */
    public boolean wrap(ByteBuffer buffer, int offset, int length) {
        this.buffer = buffer;
        // The envelope is big-endian; a ring's memory is read in the platform's order.
        this.swap = buffer.order() != ByteOrder.BIG_ENDIAN;
        this.contentTypeOffset = -1;
        this.contentTypeLength = 0;
        this.correlationIdOffset = -1;
        this.correlationIdLength = 0;
        this.replyToOffset = -1;
        this.replyToLength = 0;
        this.otherHeaders = 0;
        int end = offset + length;
        if (length < PREFIX || intAt(offset) != EnvelopeCodec.MAGIC
                || buffer.get(offset + 4) != EnvelopeCodec.VERSION) {
            return false;
        }
        int count = unsignedShortAt(offset + 6);
        if (count > EnvelopeCodec.MAX_HEADERS) {
            return false;
        }
        int at = offset + PREFIX;
        for (int i = 0; i < count; i++) {
            if (end - at < 2) {
                return false;
            }
            int nameLength = unsignedShortAt(at);
            int name = at + 2;
            if (end - name < nameLength + 4) {
                return false;
            }
            long valueLength = Integer.toUnsignedLong(intAt(name + nameLength));
            int value = name + nameLength + 4;
            if (valueLength > EnvelopeCodec.MAX_VALUE_LENGTH || end - value < valueLength) {
                return false;
            }
            // The last one of a name wins, as in decode.
            if (equalsAt(buffer, name, nameLength, CONTENT_TYPE)) {
                this.contentTypeOffset = value;
                this.contentTypeLength = (int) valueLength;
            }
            else if (equalsAt(buffer, name, nameLength, CORRELATION_ID)) {
                this.correlationIdOffset = value;
                this.correlationIdLength = (int) valueLength;
            }
            else if (equalsAt(buffer, name, nameLength, REPLY_TO)) {
                this.replyToOffset = value;
                this.replyToLength = (int) valueLength;
            }
            else {
                this.otherHeaders++;
            }
            at = value + (int) valueLength;
        }
        if (end - at < 4 || Integer.toUnsignedLong(intAt(at)) != end - at - 4) {
            return false;
        }
        this.payloadOffset = at + 4;
        this.payloadLength = end - at - 4;
        return true;
    }

    private int intAt(int at) {
        int value = this.buffer.getInt(at);
        return this.swap ? Integer.reverseBytes(value) : value;
    }

    private int unsignedShortAt(int at) {
        short value = this.buffer.getShort(at);
        return Short.toUnsignedInt(this.swap ? Short.reverseBytes(value) : value);
    }

    /** Where the payload starts in the wrapped buffer. */
    public int payloadOffset() {
        return this.payloadOffset;
    }

    public int payloadLength() {
        return this.payloadLength;
    }

    /** Whether the envelope has a {@code content-type} header. */
    public boolean hasContentType() {
        return this.contentTypeOffset >= 0;
    }

    /** Whether the {@code content-type} header's value is, byte for byte, {@code expected} (UTF-8). */
    public boolean contentTypeIs(byte[] expected) {
        return this.contentTypeOffset >= 0 && equalsAt(this.buffer, this.contentTypeOffset, this.contentTypeLength, expected);
    }

    /** Whether the envelope has a {@code correlation-id} header. */
    public boolean hasCorrelationId() {
        return this.correlationIdOffset >= 0;
    }

    /** Where the {@code correlation-id} header's value (UTF-8) starts in the wrapped buffer. */
    public int correlationIdOffset() {
        return this.correlationIdOffset;
    }

    public int correlationIdLength() {
        return this.correlationIdLength;
    }

    /** Whether the envelope has a {@code reply-to} header. */
    public boolean hasReplyTo() {
        return this.replyToOffset >= 0;
    }

    /** Whether the {@code reply-to} header's value is, byte for byte, {@code expected} (UTF-8). */
    public boolean replyToIs(byte[] expected) {
        return this.replyToOffset >= 0 && equalsAt(this.buffer, this.replyToOffset, this.replyToLength, expected);
    }

    /** Where the {@code reply-to} header's value (UTF-8) starts in the wrapped buffer. */
    public int replyToOffset() {
        return this.replyToOffset;
    }

    public int replyToLength() {
        return this.replyToLength;
    }

    /** How many headers besides content type, correlation id and reply-to the envelope carries. */
    public int otherHeaders() {
        return this.otherHeaders;
    }

    private static boolean equalsAt(ByteBuffer buffer, int at, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (buffer.get(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
