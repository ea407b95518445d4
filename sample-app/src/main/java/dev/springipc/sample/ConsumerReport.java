package dev.springipc.sample;

/**
 * The consumer's answer to a {@link StatusRequest}, sent back on the reply queue {@code replies}.
 *
 * @param pid the consumer's process id
 * @param ordersReceived orders it has handled
 * @param mostAtOnce the most orders it ever had in work at the same time (the semaphore's limit)
 */
record ConsumerReport(long pid, int ordersReceived, int mostAtOnce) {
}
