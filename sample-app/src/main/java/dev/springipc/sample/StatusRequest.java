package dev.springipc.sample;

/**
 * The producer's question to the consumer, by request-reply on the queue {@code status}.
 *
 * @param ordersSent orders the producer sent so far
 */
record StatusRequest(int ordersSent) {
}
