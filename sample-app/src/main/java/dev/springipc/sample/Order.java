package dev.springipc.sample;

/**
 * An order, sent as JSON (Jackson 3) on the shm queue {@code orders}.
 *
 * @param id order id, e.g. {@code A-17}
 * @param quantity items ordered
 * @param unitPriceCents price of one item in cents
 */
record Order(String id, int quantity, long unitPriceCents) {

    /** The n-th order of a run: quantities and prices vary, so the total checks every one. */
    static Order number(int n) {
        return new Order("A-" + n, 1 + n % 5, 100 + (n * 37L) % 900);
    }

    /** What the consumer's shell worker should compute: quantity times unit price. */
    long amountCents() {
        return this.quantity * this.unitPriceCents;
    }
}
