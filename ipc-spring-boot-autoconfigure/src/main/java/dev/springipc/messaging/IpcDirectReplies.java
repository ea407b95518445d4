package dev.springipc.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.springipc.core.IpcEnvelopeView;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessagingException;

/**
 * Sends the reply of a listener method that returned a {@code String} or {@code byte[]} straight
 * to the wire: the bytes the full path writes for it (the converted payload with its content type
 * and the request's correlation id, nothing else), with the request's correlation id copied from
 * where it lies (a ring's memory, say) and the send counted as {@link IpcTemplate} counts its
 * own. Exists only for a template with the default converter and codec; with observations on, a
 * reply takes the template's full path.
 */
public final class IpcDirectReplies {

    private final IpcTemplate template;

    private final IpcSimplePayloadEncoder encoder;

    private IpcDirectReplies(IpcTemplate template, IpcSimplePayloadEncoder encoder) {
        this.template = template;
        this.encoder = encoder;
    }

    /**
     * The direct replies of {@code operations}, or null unless it is an {@link IpcTemplate} itself
     * (a subclass may send its own way) with the default converter and codec.
     */
    public static @Nullable IpcDirectReplies of(IpcOperations operations) {
        if (operations.getClass() == IpcTemplate.class) {
            IpcTemplate template = (IpcTemplate) operations;
            IpcSimplePayloadEncoder encoder = template.simplePayloads();
            return (encoder != null) ? new IpcDirectReplies(template, encoder) : null;
        }
        return null;
    }

    /** Whether a method returning {@code type} can reply this way. */
    public static boolean replies(Class<?> type) {
        return type == String.class || type == byte[].class;
    }

    /** A resolver of reply destinations for one thread: it keeps the last declared destination. */
    public Targets targets() {
        return new Targets();
    }

    /**
     * Sends {@code result} (a String or byte[]) to {@code to} with the correlation id in
     * {@code request[offset, offset + length)} ({@code length} -1: the request had none).
     */
    public void reply(IpcDestination to, Object result, ByteBuffer request, int offset, int length) {
        if (!this.template.observationRegistry().isNoop()) {
            Map<String, Object> headers = (length < 0) ? Map.of()
                    : Map.of(IpcHeaders.CORRELATION_ID, text(request, offset, length));
            this.template.send(to, this.template.convert(result, headers));
            return;
        }
        byte[] wire = (length < 0 || to.wireFormat() == WireFormat.RAW) ? this.encoder.encode(result, to.wireFormat())
                : this.encoder.encodeReply(result, request, offset, length);
        try {
            this.template.sendWire(to, wire, 0, 0);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MessagingException("Interrupted while replying to '" + to.key() + "'", ex);
        }
    }

    private static String text(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Resolves reply-to keys read in place, without a {@code String} per reply while they stay
     * the same declared destination; a temporary reply queue is resolved every time, as the
     * template's resolver decides whether it is still there. Confined to one thread.
     */
    public final class Targets {

        private byte @Nullable [] lastKey;

        private @Nullable IpcDestination last;

        private Targets() {
        }

        /** The destination named by the reply-to of {@code request}, wrapped on {@code buffer}. */
        public IpcDestination resolveReplyTo(IpcEnvelopeView request, ByteBuffer buffer) {
            byte[] key = this.lastKey;
            IpcDestination destination = this.last;
            if (key != null && destination != null && request.replyToIs(key)) {
                return destination;
            }
            String name = text(buffer, request.replyToOffset(), request.replyToLength());
            destination = resolve(name);
            if (!IpcTemporaryReplyQueues.isTemporary(name)) {
                this.lastKey = name.getBytes(StandardCharsets.UTF_8);
                this.last = destination;
            }
            return destination;
        }

        /** The destination of {@code key}. */
        public IpcDestination resolve(String key) {
            return IpcDirectReplies.this.template.getDestinationResolver().resolve(key);
        }
    }
}
