package dev.springipc.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the health contributor, the {@code ipc} endpoint and the observations
 * ({@code ipc.health.*}, {@code ipc.endpoint.*}, {@code ipc.observation.*}).
 */
@ConfigurationProperties("ipc")
public class IpcObservabilityProperties {

    private final Health health = new Health();

    private final Endpoint endpoint = new Endpoint();

    private final Observation observation = new Observation();

    public Health getHealth() {
        return this.health;
    }

    public Endpoint getEndpoint() {
        return this.endpoint;
    }

    public Observation getObservation() {
        return this.observation;
    }

    /** The {@code ipc} health contributor. */
    public static class Health {

        /**
         * Fraction of a queue's capacity (0 exclusive to 1 inclusive) at which its health turns
         * OUT_OF_SERVICE, with its depth and capacity in the details.
         */
        private double queueHighWaterMark = 0.9;

        public double getQueueHighWaterMark() {
            return this.queueHighWaterMark;
        }

        public void setQueueHighWaterMark(double queueHighWaterMark) {
            this.queueHighWaterMark = queueHighWaterMark;
        }
    }

    /** The {@code ipc} actuator endpoint. */
    public static class Endpoint {

        /**
         * Whether the ipc endpoint has write operations (purge a queue, reset a barrier). Off,
         * the endpoint is read-only.
         */
        private boolean writeOperations;

        public boolean isWriteOperations() {
            return this.writeOperations;
        }

        public void setWriteOperations(boolean writeOperations) {
            this.writeOperations = writeOperations;
        }
    }

    /** Observations of sends and receives. */
    public static class Observation {

        /**
         * Whether IpcTemplate sends and listener receives are observed through the
         * ObservationRegistry (timers, and spans whose trace context travels in the envelope).
         */
        private boolean enabled;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
