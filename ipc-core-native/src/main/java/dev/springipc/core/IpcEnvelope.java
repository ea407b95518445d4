package dev.springipc.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.springipc.core.envelope.EnvelopeCodec;
import org.jspecify.annotations.Nullable;

/**
 * A payload with headers, in the {@code envelope} wire format: a small versioned header block
 * (content type, correlation id, reply-to, trace context, user headers) before the payload. The
 * format is documented byte for byte in docs/core.md; {@link #encode()} and {@link #decode(byte[])}
 * convert, and decoding refuses truncated or oversized input with
 * {@link IpcEnvelopeFormatException} instead of trusting a peer's lengths.
 *
 * @param headers header names and values (the well-known names below, or user headers)
 * @param payload the payload bytes
 */
public record IpcEnvelope(Map<String, String> headers, byte[] payload) {

    public static final String CONTENT_TYPE = "content-type";

    public static final String CORRELATION_ID = "correlation-id";

    public static final String REPLY_TO = "reply-to";

    /** W3C trace context. */
    public static final String TRACEPARENT = "traceparent";

    public static final String TRACESTATE = "tracestate";

    public IpcEnvelope {
        Objects.requireNonNull(payload, "payload");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** An envelope without headers. */
    public static IpcEnvelope of(byte[] payload) {
        return new IpcEnvelope(Map.of(), payload);
    }

    public @Nullable String header(String name) {
        return this.headers.get(name);
    }

    /** A copy with one more header (or a replaced one). */
    public IpcEnvelope withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(this.headers);
        copy.put(name, value);
        return new IpcEnvelope(copy, this.payload);
    }

    /** The wire form: header block, then payload. */
    public byte[] encode() {
        return EnvelopeCodec.encode(this);
    }

    /** Parses the wire form, checking every length against what is there. */
    public static IpcEnvelope decode(byte[] wire) {
        return EnvelopeCodec.decode(wire, 0, wire.length);
    }

    @Override
    public String toString() {
        return "IpcEnvelope[headers=" + this.headers + ", " + this.payload.length + " payload bytes]";
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof IpcEnvelope that && this.headers.equals(that.headers)
                && java.util.Arrays.equals(this.payload, that.payload);
    }

    @Override
    public int hashCode() {
        return 31 * this.headers.hashCode() + java.util.Arrays.hashCode(this.payload);
    }
}
