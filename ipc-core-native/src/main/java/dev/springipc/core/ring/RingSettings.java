package dev.springipc.core.ring;

/**
 * What a ring's header fixes at creation: the size of its record area, the message limits it was
 * created for, and its topology. Openers adopt these from the header ({@link RingDescriptor}).
 */
record RingSettings(int capacity, int maxMessageSize, int maxMessages, boolean singleProducer,
        boolean singleConsumer) {
}
