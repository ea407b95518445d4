package dev.springipc.cloud.stream.binder.orders;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same test application as {@link OrdersOverIpcTests}, over the rabbit binder against a real
 * RabbitMQ on localhost: only {@code spring.cloud.stream.default-binder} differs.
 */
class OrdersOverRabbitTests {

    private OrdersPipeline pipeline;

    @BeforeEach
    void requireBroker() {
        RabbitBroker.require();
        this.pipeline = new OrdersPipeline("rabbit");
    }

    @AfterEach
    void stopProcessesAndDeleteWhatTheBinderDeclared() throws Exception {
        if (this.pipeline != null) {
            this.pipeline.close();
            RabbitBroker.deleteDeclaredBy(this.pipeline);
        }
    }

    @Test
    void everyGroupGetsEveryOrderAndTheTwoBillingInstancesSplitThem() {
        this.pipeline.run(200);
    }
}
