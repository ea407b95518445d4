package dev.springipc.core.ring;

/**
 * Walks the records of a ring from one position to another without consuming them: to count
 * what is queued, and to find where the records of a producer that died end. Reads only; the
 * callers decide what the walk means.
 */
final class RecordWalker {

    private RecordWalker() {
    }

    /**
     * The messages in {@code [head, tail)}, counting a claimed record (its producer is writing it)
     * and not padding; stops at a record not even claimed yet.
     */
    static int count(RingArea ring, long head, long tail) {
        int count = 0;
        for (long position = head; position < tail;) {
            int at = ring.offsetOf(position);
            int length = ring.lengthAt(at);
            if (length == 0) {
                break;
            }
            if (length < 0 || ring.buffer.getInt(at + RecordDescriptor.TYPE_OFFSET) != RecordDescriptor.PADDING_TYPE) {
                count++;
            }
            position += RecordDescriptor.align(Math.abs(length));
        }
        return count;
    }

    /**
     * Where the committed records starting at {@code from} end, before {@code limit}: the first
     * position whose record is not committed or would run past the limit.
     */
    static long endOfCommitted(RingArea ring, long from, long limit) {
        long position = from;
        while (position < limit) {
            int length = ring.lengthAt(ring.offsetOf(position));
            if (length <= 0 || RecordDescriptor.align(length) > limit - position) {
                break;
            }
            position += RecordDescriptor.align(length);
        }
        return position;
    }

    /**
     * How many bytes from {@code head} to skip when the producer that claimed a record there died
     * before writing anything: the zeros up to the next record header, the end of the area or
     * the {@code tail}, whichever comes first. Nothing else was written there since consumers
     * zeroed it.
     */
    static int zerosAt(RingArea ring, long head, long tail) {
        int headIndex = (int) head & ring.mask;
        int limit = (int) Math.min(ring.capacity - headIndex, tail - head);
        int skip = RecordDescriptor.ALIGNMENT;
        while (skip < limit && ring.lengthAt(RingArea.BASE + headIndex + skip) == 0) {
            skip += RecordDescriptor.ALIGNMENT;
        }
        return Math.min(skip, limit);
    }
}
