package dev.springipc.core;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Test messages for the shm ring: producer id, sequence number, filler derived from both, and a
 * CRC32 of all that, so a consumer can check identity, order and integrity of every message.
 * Also the ring layout a dying producer would leave behind, written through a plain segment.
 */
public final class RingMessages {

    /** Offsets as RingDescriptor lays them out: tail at 128, area at 1024. */
    private static final int TAIL_OFFSET = 128;

    private static final int AREA_OFFSET = 1024;

    private static final int CAPACITY_OFFSET = 16;

    private RingMessages() {
    }

    public static void fill(byte[] payload, int producer, int seq) {
        ByteBuffer buffer = ByteBuffer.wrap(payload).order(java.nio.ByteOrder.nativeOrder());
        buffer.putInt(0, producer);
        buffer.putInt(4, seq);
        for (int i = 8; i < payload.length - 4; i++) {
            payload[i] = (byte) (producer * 31 + seq + i);
        }
        buffer.putInt(payload.length - 4, crc(payload));
    }

    /** Whether the CRC matches. */
    public static boolean intact(ByteBuffer buffer, int offset, int length) {
        CRC32 crc = new CRC32();
        ByteBuffer body = buffer.duplicate();
        body.position(offset).limit(offset + length - 4);
        crc.update(body);
        return (int) crc.getValue() == buffer.getInt(offset + length - 4);
    }

    private static int crc(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload, 0, payload.length - 4);
        return (int) crc.getValue();
    }

    /** Claims {@code payloadLength} bytes at the tail, optionally writes the claim marker, never commits. */
    static void claimWithoutCommit(IpcSharedSegment ring, int payloadLength, boolean writeMarker) {
        int recordLength = 8 + payloadLength;
        int aligned = (recordLength + 7) & -8;
        byte[] capacityBytes = new byte[4];
        ring.read(CAPACITY_OFFSET, capacityBytes);
        int capacity = ByteBuffer.wrap(capacityBytes).order(java.nio.ByteOrder.nativeOrder()).getInt();
        long tail;
        do {
            tail = ring.getLong(TAIL_OFFSET);
        }
        while (!ring.compareAndSetLong(TAIL_OFFSET, tail, tail + aligned));
        if (writeMarker) {
            int index = (int) (tail & (capacity - 1));
            byte[] marker = ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(0, -recordLength)
                    .array();
            ring.write(AREA_OFFSET + index, marker);
        }
    }

    /**
     * What a single producer killed at the worst moments leaves behind: a record committed but
     * not yet counted in the tail, and after it a record half-written (type and payload, no
     * length). The ring must not be near the end of its area.
     */
    public static void leaveUnfinishedWork(IpcSharedSegment ring, byte[] committed, int junkLength) {
        byte[] capacityBytes = new byte[4];
        ring.read(CAPACITY_OFFSET, capacityBytes);
        int capacity = ByteBuffer.wrap(capacityBytes).order(java.nio.ByteOrder.nativeOrder()).getInt();
        int index = (int) (ring.getLong(TAIL_OFFSET) & (capacity - 1));
        int committedLength = 8 + committed.length;
        int next = index + ((committedLength + 7) & -8);
        if (next + 8 + junkLength > capacity) {
            throw new IllegalStateException("too close to the end of the area for this test");
        }
        ByteBuffer record = ByteBuffer.allocate(committedLength).order(java.nio.ByteOrder.nativeOrder());
        record.putInt(0, committedLength).putInt(4, 0).put(8, committed);
        ring.write(AREA_OFFSET + index, record.array());
        byte[] junk = new byte[4 + junkLength];
        java.util.Arrays.fill(junk, (byte) 0x5A);
        ring.write(AREA_OFFSET + next + 4, junk);
    }
}
