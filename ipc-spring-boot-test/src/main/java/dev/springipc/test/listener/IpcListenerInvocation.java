package dev.springipc.test.listener;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One call of a recorded {@code @IpcListener} method: the arguments it received and what came
 * back, a value or an exception. A listener retried after a failure is recorded once per attempt.
 *
 * @param listenerId the listener's id
 * @param arguments the resolved arguments (converted payload, headers, ...), in parameter order
 * @param result the return value (the reply), {@code null} for {@code void} or a failure
 * @param failure what the method threw, or {@code null}
 */
public record IpcListenerInvocation(String listenerId, List<@Nullable Object> arguments, @Nullable Object result,
        @Nullable Throwable failure) {

    /** Whether the method returned rather than threw. */
    public boolean succeeded() {
        return this.failure == null;
    }

    /**
     * The argument at {@code index}, as {@code type}.
     * @throws IllegalArgumentException if there is no such argument or it is of another type
     */
    public <T> T argument(int index, Class<T> type) {
        if (index < 0 || index >= this.arguments.size()) {
            throw new IllegalArgumentException("Listener '" + this.listenerId + "' took " + this.arguments.size()
                    + " arguments; there is no argument " + index);
        }
        Object argument = this.arguments.get(index);
        if (!type.isInstance(argument)) {
            throw new IllegalArgumentException("Argument " + index + " of listener '" + this.listenerId + "' is "
                    + ((argument != null) ? "a " + argument.getClass().getName() : "null") + ", not a "
                    + type.getName());
        }
        return type.cast(argument);
    }
}
