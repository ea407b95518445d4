package dev.springipc.core.envelope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.springipc.core.IpcEnvelope;
import dev.springipc.core.IpcEnvelopeFormatException;

/**
 * Encodes and decodes the envelope wire format. All integers are big-endian.
 *
 * <pre>
 *  0      4        5        6               8
 *  +------+--------+--------+---------------+------------------------------+-----------------+---------+
 *  |"IPCE"|version |flags=0 | header count  | headers: count x             | payload length  | payload |
 *  |      | (1)    |        | (uint16)      |  [name len u16][name UTF-8]  | (uint32)        |         |
 *  |      |        |        |               |  [value len u32][value UTF-8]|                 |         |
 *  +------+--------+--------+---------------+------------------------------+-----------------+---------+
 * </pre>
 */
public final class EnvelopeCodec {

    /** "IPCE". */
    public static final int MAGIC = 0x49504345;

    public static final byte VERSION = 1;

    /** More headers than this is refused: a header block is metadata, not a payload. */
    public static final int MAX_HEADERS = 1024;

    /** A single header value larger than this is refused. */
    public static final int MAX_VALUE_LENGTH = 1024 * 1024;

    private static final int PREFIX = 8;

    private EnvelopeCodec() {
    }

    public static byte[] encode(IpcEnvelope envelope) {
        if (envelope.headers().size() > MAX_HEADERS) {
            throw new IllegalArgumentException("An envelope carries at most " + MAX_HEADERS + " headers, not "
                    + envelope.headers().size());
        }
        int size = PREFIX + 4 + envelope.payload().length;
        byte[][] encoded = new byte[envelope.headers().size() * 2][];
        int i = 0;
        for (Map.Entry<String, String> header : envelope.headers().entrySet()) {
            byte[] name = header.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = header.getValue().getBytes(StandardCharsets.UTF_8);
            if (name.length == 0 || name.length > 0xffff || value.length > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("Header '" + header.getKey() + "': names take 1..65535 bytes and "
                        + "values at most " + MAX_VALUE_LENGTH + " bytes");
            }
            encoded[i++] = name;
            encoded[i++] = value;
            size += 2 + name.length + 4 + value.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(MAGIC).put(VERSION).put((byte) 0).putShort((short) envelope.headers().size());
        for (int k = 0; k < encoded.length; k += 2) {
            out.putShort((short) encoded[k].length).put(encoded[k]);
            out.putInt(encoded[k + 1].length).put(encoded[k + 1]);
        }
        out.putInt(envelope.payload().length).put(envelope.payload());
        return out.array();
    }

    public static IpcEnvelope decode(byte[] wire, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(wire, offset, length).slice();
        need(in, PREFIX, "the 8-byte prefix");
        int magic = in.getInt();
        if (magic != MAGIC) {
            throw new IpcEnvelopeFormatException("Not an envelope: magic 0x" + Integer.toHexString(magic)
                    + " instead of 0x" + Integer.toHexString(MAGIC) + " (\"IPCE\"); is the peer sending raw bytes? "
                    + "Configure the same wire-format on both sides");
        }
        byte version = in.get();
        if (version != VERSION) {
            throw new IpcEnvelopeFormatException("Envelope version " + version + " is not supported (this library reads "
                    + VERSION + "); use the same library version on both sides");
        }
        in.get();
        int count = Short.toUnsignedInt(in.getShort());
        if (count > MAX_HEADERS) {
            throw new IpcEnvelopeFormatException("Envelope announces " + count + " headers; at most " + MAX_HEADERS
                    + " are accepted");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            need(in, 2, "header " + i + "'s name length");
            int nameLength = Short.toUnsignedInt(in.getShort());
            need(in, nameLength, "header " + i + "'s name");
            String name = string(in, nameLength);
            need(in, 4, "header '" + name + "''s value length");
            long valueLength = Integer.toUnsignedLong(in.getInt());
            if (valueLength > MAX_VALUE_LENGTH) {
                throw new IpcEnvelopeFormatException("Header '" + name + "' announces " + valueLength
                        + " bytes; at most " + MAX_VALUE_LENGTH + " are accepted");
            }
            need(in, (int) valueLength, "header '" + name + "''s value");
            headers.put(name, string(in, (int) valueLength));
        }
        need(in, 4, "the payload length");
        long payloadLength = Integer.toUnsignedLong(in.getInt());
        if (payloadLength != in.remaining()) {
            throw new IpcEnvelopeFormatException("Envelope payload announces " + payloadLength + " bytes but "
                    + in.remaining() + " follow; the message is truncated or padded");
        }
        byte[] payload = new byte[(int) payloadLength];
        in.get(payload);
        return new IpcEnvelope(headers, payload);
    }

    private static String string(ByteBuffer in, int length) {
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static void need(ByteBuffer in, int bytes, String what) {
        if (bytes > in.remaining()) {
            throw new IpcEnvelopeFormatException("Envelope truncated: " + what + " needs " + bytes + " bytes at offset "
                    + in.position() + " but " + in.remaining() + " remain");
        }
    }
}
