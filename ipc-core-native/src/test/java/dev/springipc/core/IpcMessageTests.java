package dev.springipc.core;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpcMessageTests {

    private final byte[] payload = "hi".getBytes();

    @Test
    void eachFactoryKeepsThePayloadArrayAndItsOwnTag() {
        IpcMessage plain = IpcMessage.of(this.payload);
        IpcMessage prioritized = IpcMessage.withPriority(this.payload, 7);
        IpcMessage typed = IpcMessage.withType(this.payload, 42L);

        assertThat(List.of(plain, prioritized, typed)).allSatisfy((message) -> {
            assertThat(message.payload()).isSameAs(this.payload);
            assertThat(message.payloadAsString()).isEqualTo("hi");
        });
        assertThat(plain.priority()).isZero();
        assertThat(plain.type()).isZero();
        assertThat(prioritized.priority()).isEqualTo(7);
        assertThat(prioritized.type()).isZero();
        assertThat(typed.priority()).isZero();
        assertThat(typed.type()).isEqualTo(42L);
        assertThat(typed).hasToString("IpcMessage[2 bytes, priority=0, type=42]");
        assertThat(prioritized).hasToString("IpcMessage[2 bytes, priority=7, type=0]");
    }

    /**
     * A plain receive allocates one message per call, so an untagged message (every ring message
     * of priority 0, every FIFO and pipe message) holds the payload reference and nothing else:
     * 16 bytes instead of the 32 of one class with all three fields.
     */
    @Test
    void anUntaggedMessageHoldsOnlyItsPayload() {
        assertThat(instanceFields(IpcMessage.of(this.payload))).containsExactly("payload");
        assertThat(instanceFields(IpcMessage.withPriority(this.payload, 0))).containsExactly("payload");
        assertThat(instanceFields(IpcMessage.withType(this.payload, 0))).containsExactly("payload");
        assertThat(instanceFields(IpcMessage.withPriority(this.payload, 1))).containsExactlyInAnyOrder("payload",
                "priority");
        assertThat(instanceFields(IpcMessage.withType(this.payload, 1))).containsExactlyInAnyOrder("payload", "type");
    }

    private static List<String> instanceFields(IpcMessage message) {
        List<String> names = new ArrayList<>();
        for (Class<?> type = message.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    names.add(field.getName());
                }
            }
        }
        return names;
    }
}
