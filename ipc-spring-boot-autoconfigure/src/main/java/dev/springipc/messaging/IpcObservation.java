package dev.springipc.messaging;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of IPC messaging, made when {@code ipc.observation.enabled=true}: a send by
 * {@link IpcTemplate} ({@code ipc.send}, a producer span) and the handling of a received message
 * by a listener ({@code ipc.receive}, a consumer span). The sender's trace context travels in the
 * envelope's {@code traceparent} header; raw destinations carry none.
 */
public enum IpcObservation implements ObservationDocumentation {

    /** A message sent by {@link IpcTemplate}. */
    SEND {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultIpcSenderObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }
    },

    /** A received message handled by a listener container. */
    RECEIVE {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultIpcReceiverObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }
    };

    /** The low-cardinality keys of both observations. */
    public enum LowCardinalityKeyNames implements KeyName {

        /** The key of the queue or FIFO (bean name), e.g. {@code orders}. */
        RESOURCE {
            @Override
            public String asString() {
                return "ipc.resource";
            }
        },

        /** What the destination is: {@code posix}, {@code sysv}, {@code shm} (queues), {@code fifo} or {@code pipe}. */
        KIND {
            @Override
            public String asString() {
                return "ipc.kind";
            }
        },

        /** Always {@code ipc}, as OpenTelemetry's messaging conventions name the system. */
        MESSAGING_SYSTEM {
            @Override
            public String asString() {
                return "messaging.system";
            }
        }

    }

}
