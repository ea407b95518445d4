package dev.springipc.core.fifo;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.sun.jna.Native;

import dev.springipc.core.CreateMode;
import dev.springipc.core.Framing;
import dev.springipc.core.IpcException;
import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcInvalidNameException;
import dev.springipc.core.IpcMessage;
import dev.springipc.core.IpcMessageTooLargeException;
import dev.springipc.core.IpcPeerGoneException;
import dev.springipc.core.IpcResourceStatus;
import dev.springipc.core.IpcTimeoutException;
import dev.springipc.core.IpcTrust;
import dev.springipc.core.support.AbstractIpcResource;
import dev.springipc.core.support.FrameDecoder;
import dev.springipc.core.support.FrameEncoder;
import dev.springipc.core.support.IpcErrors;
import dev.springipc.core.support.NativePlatform;
import dev.springipc.core.support.NativeScratch;
import dev.springipc.core.support.Opener;
import dev.springipc.core.support.TrustCheck;
import dev.springipc.core.support.Waits;
import dev.springipc.core.sys.Errno;
import dev.springipc.core.sys.FileStatus;
import dev.springipc.core.sys.LibC;
import dev.springipc.core.sys.MessageBuffer;
import dev.springipc.core.sys.MessageCalls;
import dev.springipc.core.sys.NativeError;
import dev.springipc.core.sys.Sys;
import org.jspecify.annotations.Nullable;

/**
 * {@link IpcFifo} over {@code mkfifo}. Both ends are opened non-blocking with
 * {@code O_NOFOLLOW} and checked to be a FIFO after opening, so a symlink or a file swapped in
 * at the path is refused. The reading end is opened read-write: it then never blocks on open
 * and never sees end-of-file when a writer leaves, which is what a long-lived receiver wants.
 */
public final class NamedFifo extends AbstractIpcResource implements IpcFifo {

    static final String KIND = "FIFO";

    /** Frames are buffered whole in memory: keep one well below the heap. */
    public static final int MAX_FRAME_SIZE = 64 * 1024 * 1024;

    private static final int READ_CHUNK = 64 * 1024;

    /** {@code read} and {@code write}: one of each per message, through the fastest binding. */
    private static final MessageCalls CALLS = MessageCalls.bound();

    private static final long WRITER_RETRY_MIN_NANOS = 1_000_000L;

    private static final long WRITER_RETRY_MAX_NANOS = 50_000_000L;

    private final Path path;

    /** Inode of the FIFO when it was opened: what check() compares the path with. */
    private final long inode;

    private final Framing framing;

    private final int maxFrameSize;

    private final long sendTimeoutNanos;

    private final Object readLock = new Object();

    private final Object writeLock = new Object();

    private int readFd = -1;

    private @Nullable FrameDecoder decoder;

    private @Nullable MessageBuffer readBuffer;

    private @Nullable ByteBuffer readView;

    private int writeFd = -1;

    private @Nullable MessageBuffer writeBuffer;

    private @Nullable ByteBuffer writeView;

    private NamedFifo(Path path, long inode, boolean owned, Framing framing, int maxFrameSize, Duration sendTimeout) {
        super(KIND, path.toString(), owned);
        this.path = path;
        this.inode = inode;
        this.framing = framing;
        this.maxFrameSize = maxFrameSize;
        this.sendTimeoutNanos = Waits.toNanos(sendTimeout);
    }

    public static NamedFifo open(Path directory, String path, int mode, CreateMode create, Framing framing,
            int maxFrameSize, Duration sendTimeout) {
        return open(directory, path, mode, create, framing, maxFrameSize, sendTimeout, IpcTrust.OWNER_ONLY);
    }

    /**
     * Opens or creates the FIFO; under any create mode but open-only (or with
     * {@link IpcTrust#checkOpenOnly()}), the directory must be safe from other users, and an
     * existing FIFO is checked against {@code trust} before use.
     */
    public static NamedFifo open(Path directory, String path, int mode, CreateMode create, Framing framing,
            int maxFrameSize, Duration sendTimeout, IpcTrust trust) {
        NativePlatform.requireSupported(KIND + " " + path);
        Path resolved = FifoPaths.resolve(directory, path);
        String file = resolved.toString();
        String resource = KIND + " " + file;
        try {
            if (create != CreateMode.OPEN_ONLY || trust.checkOpenOnly()) {
                FifoDirectoryCheck.require(resource, resolved, trust, Sys.effectiveUid());
            }
            Opener.Opened<Boolean> opened = Opener.open(resource, create, () -> {
                if (LibC.mkfifo(file, mode) != 0) {
                    NativeError error = new NativeError("mkfifo", Native.getLastError());
                    if (error.errno() == Errno.EEXIST) {
                        // Something other than a FIFO at the path is a wrong path, not a name clash.
                        requireFifo(resource, FileStatus.ofPath(file));
                    }
                    throw error;
                }
                return Boolean.TRUE;
            }, () -> {
                requireFifo(resource, FileStatus.ofPath(file));
                return Boolean.TRUE;
            }, () -> {
                // Recreate removes only a FIFO, never a file that happens to sit at the path.
                requireFifo(resource, FileStatus.ofPath(file));
                Sys.check(LibC.unlink(file), "unlink");
            });
            if (!opened.created()) {
                TrustCheck.require(resource, trust, create, false, mode, FileStatus.S_IFIFO,
                        TrustCheck.Found.file(FileStatus.ofPath(file), "rm " + file));
            }
            if (opened.created()) {
                // mkfifo narrows the mode by the umask; a 0660 request must yield 0660.
                try {
                    Sys.check(LibC.chmod(file, mode), "chmod");
                }
                catch (NativeError ex) {
                    LibC.unlink(file);
                    throw ex;
                }
            }
            return new NamedFifo(resolved, FileStatus.ofPath(file).inode(), opened.created(), framing, maxFrameSize,
                    sendTimeout);
        }
        catch (NativeError ex) {
            throw IpcErrors.translate(resource, ex, (ex.errno() == Errno.ENOENT && !ex.call().equals("statx"))
                    ? "the directory " + resolved.getParent() + " does not exist; create it or set another FIFO directory"
                    : null);
        }
    }

    private static void requireFifo(String resource, FileStatus status) {
        if (!status.isFifo()) {
            throw new IpcInvalidNameException(resource, null, 0, resource + ": the path holds a " + status.typeName()
                    + ", not a FIFO; remove it or choose another path (a FIFO path is never followed through a "
                    + "symbolic link)");
        }
    }

    @Override
    public Path path() {
        return this.path;
    }

    @Override
    public Framing framing() {
        return this.framing;
    }

    @Override
    public void send(byte[] payload) throws InterruptedException {
        if (payload.length > this.maxFrameSize) {
            throw new IpcMessageTooLargeException(description(), null, 0, description() + ": a payload of "
                    + payload.length + " bytes exceeds the maximum frame size of " + this.maxFrameSize + " bytes");
        }
        Waits.checkInterrupted();
        synchronized (this.writeLock) {
            enter();
            try {
                // Encode first: a payload the framing cannot carry is refused before any waiting.
                int length = FrameEncoder.encode(this.framing, payload, writeView(), description());
                long deadline = Waits.deadline(this.sendTimeoutNanos);
                writeFully(writer(deadline), length, deadline);
            }
            finally {
                exit();
            }
        }
    }

    private int writer(long deadline) throws InterruptedException {
        if (this.writeFd >= 0) {
            return this.writeFd;
        }
        long pause = WRITER_RETRY_MIN_NANOS;
        while (true) {
            int fd = LibC.open(this.path.toString(), Sys.O_WRONLY | Sys.O_NONBLOCK | Sys.O_NOFOLLOW | Sys.O_CLOEXEC, 0);
            if (fd >= 0) {
                this.writeFd = checkOpened(fd);
                return fd;
            }
            int errno = Native.getLastError();
            if (errno != Errno.ENXIO && errno != Errno.EINTR) {
                throw openFailure("open", errno);
            }
            // ENXIO: no process has the FIFO open for reading yet.
            if (!Waits.pause(pause, deadline)) {
                throw new IpcTimeoutException(description(), "open", errno, IpcErrors.message(description(), "open",
                        errno, "no process opened the FIFO for reading within the send timeout; start the reader "
                                + "first (e.g. cat " + this.path + ") or raise the send timeout"));
            }
            pause = Waits.backoff(pause, WRITER_RETRY_MAX_NANOS);
            checkWaitable();
        }
    }

    private void writeFully(int fd, int length, long deadline) throws InterruptedException {
        MessageBuffer buffer = this.writeBuffer;
        int written = 0;
        while (written < length) {
            // Frames up to PIPE_BUF go out whole in the first write; only larger ones continue.
            long result = CALLS.write(buffer, fd, written, length - written);
            if (result >= 0) {
                written += (int) result;
                continue;
            }
            int errno = (int) -result;
            if (errno == Errno.EPIPE) {
                closeWriter();
                throw new IpcPeerGoneException(description(), "write", errno, IpcErrors.message(description(), "write",
                        errno, "the reader closed the FIFO" + ((written > 0) ? " after " + written + " of " + length
                                + " bytes of this frame" : "") + "; the next send waits for a new reader"));
            }
            if (errno == Errno.EAGAIN) {
                awaitWritable(fd, deadline);
            }
            else if (errno != Errno.EINTR) {
                throw translate(new NativeError("write", errno));
            }
        }
    }

    private void awaitWritable(int fd, long deadline) throws InterruptedException {
        long slice = Waits.nextSlice(deadline);
        if (slice == 0) {
            throw new IpcTimeoutException(description(), "write", Errno.EAGAIN, description()
                    + ": the FIFO stayed full for the whole send timeout; the reader is not keeping up");
        }
        poll(fd, Sys.POLLOUT, slice);
        checkWaitable();
    }

    private ByteBuffer writeView() {
        if (this.writeView == null) {
            this.writeBuffer = new MessageBuffer(this.maxFrameSize + FrameEncoder.overhead(this.framing));
            this.writeView = this.writeBuffer.message();
        }
        return this.writeView;
    }

    private void closeWriter() {
        if (this.writeFd >= 0) {
            LibC.close(this.writeFd);
            this.writeFd = -1;
        }
    }

    @Override
    public Optional<IpcMessage> receive(Duration timeout) throws InterruptedException {
        Waits.checkInterrupted();
        synchronized (this.readLock) {
            enter();
            try {
                return Optional.ofNullable(receiveNanos(Waits.toNanos(timeout)));
            }
            finally {
                exit();
            }
        }
    }

    private @Nullable IpcMessage receiveNanos(long timeoutNanos) throws InterruptedException {
        FrameDecoder frames = reader();
        long deadline = Waits.deadline(timeoutNanos);
        long spinDeadline = 0;
        while (true) {
            byte[] payload = frames.next();
            if (payload != null) {
                return IpcMessage.of(payload);
            }
            int room = Math.min(frames.room(), READ_CHUNK);
            long count = CALLS.read(this.readBuffer, this.readFd, room);
            if (count > 0) {
                frames.append(this.readView, (int) count);
                continue;
            }
            int errno = (count < 0) ? (int) -count : Errno.EAGAIN;
            if (errno != Errno.EAGAIN && errno != Errno.EINTR) {
                throw translate(new NativeError("read", errno));
            }
            // Read again without sleeping for a moment before waiting in poll (see
            // Waits.SPIN_BEFORE_BLOCKING_NANOS).
            long now = System.nanoTime();
            spinDeadline = Waits.spinDeadline(spinDeadline, now);
            if (Waits.spinning(now, spinDeadline, deadline)) {
                continue;
            }
            long slice = Waits.nextSlice(deadline);
            if (slice == 0) {
                return null;
            }
            poll(this.readFd, Sys.POLLIN, slice);
            checkWaitable();
        }
    }

    private FrameDecoder reader() {
        if (this.decoder == null) {
            int fd = LibC.open(this.path.toString(), Sys.O_RDWR | Sys.O_NONBLOCK | Sys.O_NOFOLLOW | Sys.O_CLOEXEC, 0);
            if (fd < 0) {
                throw openFailure("open", Native.getLastError());
            }
            this.readFd = checkOpened(fd);
            this.readBuffer = new MessageBuffer(READ_CHUNK);
            this.readView = this.readBuffer.message();
            this.decoder = FrameDecoder.create(this.framing, description(), this.maxFrameSize);
        }
        return this.decoder;
    }

    /** Refuses whatever was opened if it is not a FIFO (a file swapped in after the path check). */
    private int checkOpened(int fd) {
        try {
            requireFifo(description(), FileStatus.ofDescriptor(fd));
            return fd;
        }
        catch (NativeError ex) {
            LibC.close(fd);
            throw translate(ex);
        }
        catch (IpcException ex) {
            LibC.close(fd);
            throw ex;
        }
    }

    private IpcException openFailure(String call, int errno) {
        if (errno == Errno.ELOOP) {
            return new IpcInvalidNameException(description(), call, errno, IpcErrors.message(description(), call, errno,
                    "the path is a symbolic link; a FIFO is never opened through one. Remove the link"));
        }
        return translate(new NativeError(call, errno));
    }

    private void poll(int fd, short events, long timeoutNanos) {
        NativeScratch scratch = NativeScratch.current();
        ByteBuffer pollfd = scratch.structView();
        pollfd.putInt(0, fd);
        pollfd.putShort(4, events);
        pollfd.putShort(6, (short) 0);
        int millis = (int) Math.max(1, timeoutNanos / 1_000_000L);
        if (LibC.poll(scratch.struct(), 1, millis) < 0) {
            int errno = Native.getLastError();
            if (errno != Errno.EINTR) {
                throw translate(new NativeError("poll", errno));
            }
        }
    }

    @Override
    protected void closeHandle() throws NativeError {
        synchronized (this.writeLock) {
            closeWriter();
        }
        synchronized (this.readLock) {
            if (this.readFd >= 0) {
                LibC.close(this.readFd);
                this.readFd = -1;
            }
        }
    }

    @Override
    protected void removeName() throws NativeError {
        FileStatus status = FileStatus.ofPath(this.path.toString());
        requireFifo(description(), status);
        Sys.check(LibC.unlink(this.path.toString()), "unlink");
    }

    @Override
    protected IpcResourceStatus inspect() throws NativeError {
        return inspectPath(this.path.toString(), this.inode);
    }

    @Override
    protected FileStatus status() throws NativeError {
        return FileStatus.ofPath(this.path.toString());
    }
}
