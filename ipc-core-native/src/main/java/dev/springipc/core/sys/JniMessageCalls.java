package dev.springipc.core.sys;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.jspecify.annotations.Nullable;

/**
 * {@link MessageCalls} through six JNI functions ({@code src/main/c/message_calls.c}), for the
 * JDKs without {@code java.lang.foreign}: a call costs about what a foreign one does (an empty
 * {@code msgrcv} about 340 ns against 290 from C and 600 through JNA). The library is built beside
 * the classes when the build machine has gcc and the JDK's {@code jni.h}; a jar built without
 * them has none, and the binding is then not available (JNA is used). Loaded once per class
 * loader, from a copy in {@code java.io.tmpdir} that is deleted as soon as it is loaded.
 */
final class JniMessageCalls extends MessageCalls {

    /** The library, relative to this class, for this JVM's architecture. */
    static final String LIBRARY = "native/linux-" + System.getProperty("os.arch") + "/libspringipc-message-calls.so";

    private static final JniMessageCalls INSTANCE = new JniMessageCalls();

    private static boolean loaded;

    private JniMessageCalls() {
    }

    /** Whether the build put the library on the class path (gcc and jni.h were there). */
    static boolean built() {
        return JniMessageCalls.class.getResource(LIBRARY) != null;
    }

    /** The binding, after loading the library and a self-test that a failed call's errno arrives. */
    static synchronized JniMessageCalls bind() throws IOException {
        if (!loaded) {
            load();
            loaded = true;
        }
        // No queue has the id -1: msgrcv fails with EINVAL before it touches the buffer.
        long result = msgrcv0(-1, 0L, 0L, 0L, LibSysv.IPC_NOWAIT);
        if (result != -Errno.EINVAL) {
            throw new IllegalStateException("the self-test call of msgrcv returned " + result + ", not -EINVAL");
        }
        return INSTANCE;
    }

    private static void load() throws IOException {
        URL library = JniMessageCalls.class.getResource(LIBRARY);
        if (library == null) {
            throw new IOException(LIBRARY + " is not on the class path: the build had no gcc or no jni.h");
        }
        // A copy even when the library is a file on the class path: a JVM loads one file into one
        // class loader only, and a second (a restarted context's) then gets a copy of its own.
        Path copy = Files.createTempFile("springipc-message-calls-", ".so");
        try {
            try (InputStream in = library.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            System.load(copy.toString());
        }
        finally {
            // The mapping outlives the file: nothing is left in the temporary directory.
            Files.deleteIfExists(copy);
        }
    }

    @Override
    public String implementation() {
        return "JNI";
    }

    @Override
    @Nullable Object callState(long address, int size) {
        return null;
    }

    @Override
    public int msgsnd(MessageBuffer buffer, int msqid, long length, int flags) {
        return msgsnd0(msqid, buffer.address + MessageBuffer.MESSAGE, length, flags);
    }

    @Override
    public long msgrcv(MessageBuffer buffer, int msqid, long maxLength, long type, int flags) {
        return msgrcv0(msqid, buffer.address + MessageBuffer.MESSAGE, maxLength, type, flags);
    }

    @Override
    public int mqTimedsend(MessageBuffer buffer, int mqd, long length, int priority) {
        return mqTimedsend0(mqd, buffer.address + MessageBuffer.MESSAGE, length, priority,
                buffer.address + MessageBuffer.TIMESPEC);
    }

    @Override
    public long mqTimedreceive(MessageBuffer buffer, int mqd, long maxLength) {
        return mqTimedreceive0(mqd, buffer.address + MessageBuffer.MESSAGE, maxLength,
                buffer.address + MessageBuffer.PRIORITY, buffer.address + MessageBuffer.TIMESPEC);
    }

    @Override
    public long read(MessageBuffer buffer, int fd, long count) {
        return read0(fd, buffer.address + MessageBuffer.MESSAGE, count);
    }

    @Override
    public long write(MessageBuffer buffer, int fd, long from, long count) {
        return write0(fd, buffer.address + MessageBuffer.MESSAGE + from, count);
    }

    private static native int msgsnd0(int msqid, long message, long length, int flags);

    private static native long msgrcv0(int msqid, long message, long maxLength, long type, int flags);

    private static native int mqTimedsend0(int mqd, long message, long length, int priority, long timespec);

    private static native long mqTimedreceive0(int mqd, long message, long maxLength, long priority, long timespec);

    private static native long read0(int fd, long buffer, long count);

    private static native long write0(int fd, long buffer, long count);
}
