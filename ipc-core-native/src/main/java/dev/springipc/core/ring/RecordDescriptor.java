package dev.springipc.core.ring;

import java.nio.ByteOrder;

/**
 * A record in the ring: an 8-byte header, then the payload, padded to 8 bytes.
 *
 * <pre>
 *  0              4              8
 *  +--------------+--------------+---------------------+---------+
 *  | length (int) | type (int)   | payload             | padding |
 *  +--------------+--------------+---------------------+---------+
 * </pre>
 * {@code length} is the header plus payload. A producer among many writes {@code -length} when
 * it has claimed the space, and every producer {@code +length} with the type (one 8-byte release
 * store) when the record is complete; a consumer sees 0 where nothing is written yet (see
 * {@link RingDescriptor} for who zeroes it). A record of {@link #PADDING_TYPE} fills the end of
 * the area when the next record does not fit there.
 */
final class RecordDescriptor {

    static final int LENGTH_OFFSET = 0;

    static final int TYPE_OFFSET = 4;

    static final int HEADER_LENGTH = 8;

    static final int ALIGNMENT = 8;

    static final int PADDING_TYPE = -1;

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private RecordDescriptor() {
    }

    /**
     * The header as one native-order 8-byte word, so that one release store commits the length
     * and the type together (as Agrona's {@code makeHeader}): a consumer that sees the length
     * sees the type of the same store.
     */
    static long header(int length, int type) {
        return LITTLE_ENDIAN ? ((long) type << 32) | (length & 0xFFFF_FFFFL)
                : ((long) length << 32) | (type & 0xFFFF_FFFFL);
    }

    /** The length half of a {@link #header}: 0 nothing written, negative claimed, positive committed. */
    static int lengthOf(long header) {
        return LITTLE_ENDIAN ? (int) header : (int) (header >>> 32);
    }

    /** The type half of a {@link #header}. */
    static int typeOf(long header) {
        return LITTLE_ENDIAN ? (int) (header >>> 32) : (int) header;
    }

    static int alignedLength(int payloadLength) {
        return align(HEADER_LENGTH + payloadLength);
    }

    static int align(int length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
