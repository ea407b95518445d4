package dev.springipc.core.ring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offsets {@link RingDescriptor} computes from the cache-line size are the layout version 5
 * that other processes (and older builds of this library, and the docs) agree on.
 */
class RingDescriptorTests {

    @Test
    void theComputedOffsetsAreTheDocumentedLayout() {
        assertThat(new int[] { RingDescriptor.CAPACITY_OFFSET, RingDescriptor.MAX_MESSAGE_SIZE_OFFSET,
                RingDescriptor.MAX_MESSAGES_OFFSET, RingDescriptor.PRODUCERS_OFFSET, RingDescriptor.CONSUMERS_OFFSET })
            .containsExactly(16, 20, 24, 28, 32);
        assertThat(new int[] { RingDescriptor.TAIL_OFFSET, RingDescriptor.PRODUCER_SLOT_OFFSET,
                RingDescriptor.PRODUCER_FENCES_OFFSET, RingDescriptor.CLEARED_CACHE_OFFSET, RingDescriptor.HEAD_OFFSET,
                RingDescriptor.CONSUMER_LOCK_OFFSET, RingDescriptor.WAITERS_OFFSET, RingDescriptor.SIGNAL_OFFSET,
                RingDescriptor.RECLAIMED_OFFSET, RingDescriptor.CLEARED_OFFSET, RingDescriptor.HEADER_LENGTH })
            .containsExactly(128, 136, 144, 256, 384, 512, 640, 644, 768, 896, 1024);
        assertThat(RingDescriptor.VERSION).isEqualTo(5);
    }
}
