package dev.springipc.core.support;

import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.springipc.core.Framing;
import dev.springipc.core.IpcMessageTooLargeException;
import org.jspecify.annotations.Nullable;

/**
 * Cuts messages out of a byte stream (FIFO, child-process pipe). Bytes are appended as they are read; {@link #next()}
 * returns the next complete payload, or null until one is complete. An oversized frame is
 * reported once with {@link IpcMessageTooLargeException} and then skipped as its bytes arrive,
 * so the stream stays in step and nothing is allocated for it.
 */
public abstract class FrameDecoder {

    private static final int INITIAL_CAPACITY = 4096;

    protected final String resource;

    protected final int maxFrameSize;

    private final int maxBuffered;

    protected byte[] buffer;

    protected int start;

    protected int end;

    FrameDecoder(String resource, int maxFrameSize, int overhead) {
        this.resource = resource;
        this.maxFrameSize = maxFrameSize;
        this.maxBuffered = maxFrameSize + overhead;
        this.buffer = new byte[Math.min(INITIAL_CAPACITY, this.maxBuffered)];
    }

    /** A decoder for {@code framing}; {@code resource} names the stream in errors. */
    public static FrameDecoder create(Framing framing, String resource, int maxFrameSize) {
        return switch (framing) {
            case LINES -> new LineDecoder(resource, maxFrameSize);
            case LENGTH_PREFIXED -> new LengthPrefixDecoder(resource, maxFrameSize);
            case RAW -> new RawDecoder(resource, maxFrameSize);
        };
    }

    /** Room for the next read: at least one byte, since {@link #next()} consumed what it could. */
    public final int room() {
        compactOrGrow();
        return this.buffer.length - this.end;
    }

    /** Appends {@code length} bytes from the start of {@code source}. */
    public final void append(ByteBuffer source, int length) {
        source.get(0, this.buffer, this.end, length);
        this.end += length;
    }

    /** The next payload, or null if no whole frame is buffered yet. */
    public abstract byte @Nullable [] next();

    protected final int buffered() {
        return this.end - this.start;
    }

    protected final byte[] take(int from, int length, int consumed) {
        byte[] payload = Arrays.copyOfRange(this.buffer, from, from + length);
        this.start += consumed;
        return payload;
    }

    protected final void dropAll() {
        this.start = 0;
        this.end = 0;
    }

    protected final IpcMessageTooLargeException tooLarge(String what) {
        return new IpcMessageTooLargeException(this.resource, null, 0, this.resource + ": " + what
                + " exceeds the maximum frame size of " + this.maxFrameSize + " bytes; the frame is skipped. Raise "
                + "max-frame-size if such frames are expected");
    }

    private void compactOrGrow() {
        if (this.start > 0) {
            System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
            this.end -= this.start;
            this.start = 0;
        }
        if (this.end == this.buffer.length && this.buffer.length < this.maxBuffered) {
            this.buffer = Arrays.copyOf(this.buffer, (int) Math.min((long) this.buffer.length * 2, this.maxBuffered));
        }
    }

    /** {@link Framing#LINES}: payloads end at {@code \n}, which is dropped. */
    static final class LineDecoder extends FrameDecoder {

        private boolean skippingLongLine;

        private int scanned;

        LineDecoder(String resource, int maxFrameSize) {
            super(resource, maxFrameSize, 1);
        }

        @Override
        public byte @Nullable [] next() {
            for (int i = this.start + this.scanned; i < this.end; i++) {
                if (this.buffer[i] == '\n') {
                    this.scanned = 0;
                    if (this.skippingLongLine) {
                        this.skippingLongLine = false;
                        this.start = i + 1;
                        return next();
                    }
                    int length = i - this.start;
                    if (length > this.maxFrameSize) {
                        this.start = i + 1;
                        throw tooLarge("a line of " + length + " bytes");
                    }
                    return take(this.start, length, length + 1);
                }
            }
            this.scanned = buffered();
            if (this.skippingLongLine) {
                dropAll();
                this.scanned = 0;
            }
            else if (buffered() > this.maxFrameSize) {
                dropAll();
                this.scanned = 0;
                this.skippingLongLine = true;
                throw tooLarge("a line longer than " + this.maxFrameSize + " bytes");
            }
            return null;
        }
    }

    /** {@link Framing#LENGTH_PREFIXED}: a 4-byte big-endian unsigned length, then the payload. */
    static final class LengthPrefixDecoder extends FrameDecoder {

        private static final int HEADER = 4;

        private long skipping;

        LengthPrefixDecoder(String resource, int maxFrameSize) {
            super(resource, maxFrameSize, HEADER);
        }

        @Override
        public byte @Nullable [] next() {
            if (this.skipping > 0) {
                int dropped = (int) Math.min(this.skipping, buffered());
                this.start += dropped;
                this.skipping -= dropped;
                if (this.skipping > 0) {
                    return null;
                }
            }
            if (buffered() < HEADER) {
                return null;
            }
            long length = ((this.buffer[this.start] & 0xffL) << 24) | ((this.buffer[this.start + 1] & 0xffL) << 16)
                    | ((this.buffer[this.start + 2] & 0xffL) << 8) | (this.buffer[this.start + 3] & 0xffL);
            if (length > this.maxFrameSize) {
                this.start += HEADER;
                this.skipping = length;
                throw tooLarge("a frame announcing " + length + " bytes");
            }
            if (buffered() < HEADER + length) {
                return null;
            }
            return take(this.start + HEADER, (int) length, HEADER + (int) length);
        }
    }

    /** {@link Framing#RAW}: whatever has arrived is one payload. */
    static final class RawDecoder extends FrameDecoder {

        RawDecoder(String resource, int maxFrameSize) {
            super(resource, maxFrameSize, 0);
        }

        @Override
        public byte @Nullable [] next() {
            if (buffered() == 0) {
                return null;
            }
            return take(this.start, buffered(), buffered());
        }
    }
}
