package dev.springipc.core.sys;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * {@link MessageCalls} through the Foreign Function and Memory API ({@code java.lang.foreign},
 * final in JDK 22). The project compiles for Java 17, where that API does not exist: the
 * downcall handles are built here once by reflection, and each call is then a plain
 * {@link MethodHandle#invokeExact} on primitives (pointers passed as 64-bit addresses, as
 * x86-64 and AArch64 pass them), which the JIT compiles to a direct native call. errno is
 * captured by the call itself ({@code Linker.Option.captureCallState}) into the header of the
 * caller's {@link MessageBuffer}, so a failed call needs no second native call to learn why.
 */
final class ForeignMessageCalls extends MessageCalls {

    /** The first JDK whose {@code java.lang.foreign} is final. */
    static final int FIRST_JDK = 22;

    private final MethodHandle msgsnd;

    private final MethodHandle msgrcv;

    private final MethodHandle mqTimedsend;

    private final MethodHandle mqTimedreceive;

    private final MethodHandle read;

    private final MethodHandle write;

    private final Foreign foreign;

    private final int errnoOffset;

    private ForeignMessageCalls(Foreign foreign) throws ReflectiveOperationException {
        this.foreign = foreign;
        this.errnoOffset = foreign.errnoOffset();
        this.msgsnd = foreign.downcall("msgsnd", int.class, int.class, long.class, long.class, int.class);
        this.msgrcv = foreign.downcall("msgrcv", long.class, int.class, long.class, long.class, long.class, int.class);
        this.mqTimedsend = foreign.downcall("mq_timedsend", int.class, int.class, long.class, long.class, int.class,
                long.class);
        this.mqTimedreceive = foreign.downcall("mq_timedreceive", long.class, int.class, long.class, long.class,
                long.class, long.class);
        this.read = foreign.downcall("read", long.class, int.class, long.class, long.class);
        this.write = foreign.downcall("write", long.class, int.class, long.class, long.class);
    }

    /** The binding, after a self-test that a failed call's errno arrives; throws if it cannot be had. */
    static ForeignMessageCalls bind() throws ReflectiveOperationException {
        ForeignMessageCalls calls = new ForeignMessageCalls(new Foreign());
        Memory state = new Memory(MessageBuffer.CALL_STATE_SIZE);
        Object segment = calls.callState(Pointer.nativeValue(state), MessageBuffer.CALL_STATE_SIZE);
        long result;
        try {
            // No queue has the id -1: msgrcv fails with EINVAL before it touches the buffer.
            result = (long) calls.msgrcv.invokeExact(segment, -1, Pointer.nativeValue(state), 0L, 0L, LibSysv.IPC_NOWAIT);
        }
        catch (Throwable ex) {
            throw new IllegalStateException("the self-test call of msgrcv failed", ex);
        }
        int errno = state.getInt(calls.errnoOffset);
        if (result != -1 || errno != Errno.EINVAL) {
            throw new IllegalStateException("the self-test call of msgrcv returned " + result + " with errno " + errno
                    + ", not -1 with EINVAL");
        }
        return calls;
    }

    @Override
    public String implementation() {
        return "Foreign Function and Memory API";
    }

    @Override
    Object callState(long address, int size) {
        try {
            return this.foreign.segment(address, size);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot describe native memory to java.lang.foreign", ex);
        }
    }

    @Override
    public int msgsnd(MessageBuffer buffer, int msqid, long length, int flags) {
        int result;
        try {
            result = (int) this.msgsnd.invokeExact(buffer.callState, msqid, buffer.address + MessageBuffer.MESSAGE,
                    length, flags);
        }
        catch (Throwable ex) {
            throw failed("msgsnd", ex);
        }
        return (result == 0) ? 0 : -buffer.capturedErrno(this.errnoOffset);
    }

    @Override
    public long msgrcv(MessageBuffer buffer, int msqid, long maxLength, long type, int flags) {
        long length;
        try {
            length = (long) this.msgrcv.invokeExact(buffer.callState, msqid, buffer.address + MessageBuffer.MESSAGE,
                    maxLength, type, flags);
        }
        catch (Throwable ex) {
            throw failed("msgrcv", ex);
        }
        return (length >= 0) ? length : -buffer.capturedErrno(this.errnoOffset);
    }

    @Override
    public int mqTimedsend(MessageBuffer buffer, int mqd, long length, int priority) {
        int result;
        try {
            result = (int) this.mqTimedsend.invokeExact(buffer.callState, mqd, buffer.address + MessageBuffer.MESSAGE,
                    length, priority, buffer.address + MessageBuffer.TIMESPEC);
        }
        catch (Throwable ex) {
            throw failed("mq_timedsend", ex);
        }
        return (result == 0) ? 0 : -buffer.capturedErrno(this.errnoOffset);
    }

    @Override
    public long mqTimedreceive(MessageBuffer buffer, int mqd, long maxLength) {
        long length;
        try {
            length = (long) this.mqTimedreceive.invokeExact(buffer.callState, mqd,
                    buffer.address + MessageBuffer.MESSAGE, maxLength, buffer.address + MessageBuffer.PRIORITY,
                    buffer.address + MessageBuffer.TIMESPEC);
        }
        catch (Throwable ex) {
            throw failed("mq_timedreceive", ex);
        }
        return (length >= 0) ? length : -buffer.capturedErrno(this.errnoOffset);
    }

    @Override
    public long read(MessageBuffer buffer, int fd, long count) {
        long length;
        try {
            length = (long) this.read.invokeExact(buffer.callState, fd, buffer.address + MessageBuffer.MESSAGE, count);
        }
        catch (Throwable ex) {
            throw failed("read", ex);
        }
        return (length >= 0) ? length : -buffer.capturedErrno(this.errnoOffset);
    }

    @Override
    public long write(MessageBuffer buffer, int fd, long from, long count) {
        long length;
        try {
            length = (long) this.write.invokeExact(buffer.callState, fd, buffer.address + MessageBuffer.MESSAGE + from,
                    count);
        }
        catch (Throwable ex) {
            throw failed("write", ex);
        }
        return (length >= 0) ? length : -buffer.capturedErrno(this.errnoOffset);
    }

    /** A downcall throws nothing of its own; this is for what the JVM might. */
    private static IllegalStateException failed(String call, Throwable ex) {
        if (ex instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(call + " through java.lang.foreign failed", ex);
    }

    /** The few pieces of {@code java.lang.foreign} used here, reached by reflection (see the class comment). */
    private static final class Foreign {

        private final Class<?> memorySegment = Class.forName("java.lang.foreign.MemorySegment");

        private final Class<?> memoryLayout = Class.forName("java.lang.foreign.MemoryLayout");

        private final Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");

        private final Class<?> option = Class.forName("java.lang.foreign.Linker$Option");

        private final Class<?> functionDescriptor = Class.forName("java.lang.foreign.FunctionDescriptor");

        private final Class<?> symbolLookup = Class.forName("java.lang.foreign.SymbolLookup");

        private final Object linker = this.linkerClass.getMethod("nativeLinker").invoke(null);

        private final Object libc = this.linkerClass.getMethod("defaultLookup").invoke(this.linker);

        private final Method find = this.symbolLookup.getMethod("find", String.class);

        private final Method ofAddress = this.memorySegment.getMethod("ofAddress", long.class);

        private final Method reinterpret = this.memorySegment.getMethod("reinterpret", long.class);

        private final Object captureErrno = this.option.getMethod("captureCallState", String[].class)
                .invoke(null, (Object) new String[] { "errno" });

        private final Object captureLayout = this.option.getMethod("captureStateLayout").invoke(null);

        private @Nullable Object librt;

        Foreign() throws ReflectiveOperationException {
        }

        /** Where errno sits in the capture state (0 on Linux); refuses a state larger than a buffer keeps. */
        int errnoOffset() throws ReflectiveOperationException {
            long size = (long) this.memoryLayout.getMethod("byteSize").invoke(this.captureLayout);
            Class<?> pathElement = Class.forName("java.lang.foreign.MemoryLayout$PathElement");
            Object errno = pathElement.getMethod("groupElement", String.class).invoke(null, "errno");
            Object path = Array.newInstance(pathElement, 1);
            Array.set(path, 0, errno);
            long offset = (long) this.memoryLayout.getMethod("byteOffset", path.getClass()).invoke(this.captureLayout,
                    path);
            if (size > MessageBuffer.CALL_STATE_SIZE || offset + Integer.BYTES > size) {
                throw new IllegalStateException("the call state takes " + size + " bytes, errno at " + offset
                        + "; a message buffer keeps " + MessageBuffer.CALL_STATE_SIZE);
            }
            return (int) offset;
        }

        /** A downcall handle that captures errno, its first parameter (the capture segment) typed Object. */
        MethodHandle downcall(String name, Class<?> result, Class<?>... parameters) throws ReflectiveOperationException {
            Object layouts = Array.newInstance(this.memoryLayout, parameters.length);
            for (int i = 0; i < parameters.length; i++) {
                Array.set(layouts, i, layout(parameters[i]));
            }
            Object descriptor = this.functionDescriptor.getMethod("of", this.memoryLayout, layouts.getClass())
                    .invoke(null, layout(result), layouts);
            Object options = Array.newInstance(this.option, 1);
            Array.set(options, 0, this.captureErrno);
            MethodHandle handle = (MethodHandle) this.linkerClass
                    .getMethod("downcallHandle", this.memorySegment, this.functionDescriptor, options.getClass())
                    .invoke(this.linker, symbol(name), descriptor, options);
            MethodType type = handle.type().changeParameterType(0, Object.class);
            return handle.asType(type);
        }

        /** A segment of {@code size} bytes at {@code address}, for a capture state that lives in JNA memory. */
        Object segment(long address, long size) throws ReflectiveOperationException {
            return this.reinterpret.invoke(this.ofAddress.invoke(null, address), size);
        }

        private Object layout(Class<?> type) throws ReflectiveOperationException {
            String name = (type == int.class) ? "JAVA_INT" : "JAVA_LONG";
            return Class.forName("java.lang.foreign.ValueLayout").getField(name).get(null);
        }

        /** libc's symbol; mq_* lived in librt before glibc 2.34. */
        private Object symbol(String name) throws ReflectiveOperationException {
            Optional<?> found = (Optional<?>) this.find.invoke(this.libc, name);
            if (found.isEmpty()) {
                found = (Optional<?>) this.find.invoke(librt(), name);
            }
            return found.orElseThrow(() -> new IllegalStateException("no symbol " + name + " in libc or librt"));
        }

        private Object librt() throws ReflectiveOperationException {
            if (this.librt == null) {
                Object global = Class.forName("java.lang.foreign.Arena").getMethod("global").invoke(null);
                this.librt = this.symbolLookup
                        .getMethod("libraryLookup", String.class, Class.forName("java.lang.foreign.Arena"))
                        .invoke(null, "librt.so.1", global);
            }
            return this.librt;
        }
    }
}
