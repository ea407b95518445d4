package dev.springipc.core.sys;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.NativePeers;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every binding of {@link MessageCalls} against real kernel queues and FIFOs: results, errno,
 * the System V type and the POSIX priority. The foreign binding exists from JDK 22 (CI runs JDK 25 too); the
 * JNI one wherever the build had gcc and jni.h ({@code .ci/run} installs gcc, and requires it).
 */
class MessageCallsTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    static Stream<MessageCalls> bindings() throws ReflectiveOperationException {
        List<MessageCalls> bindings = new ArrayList<>(List.of(JnaMessageCalls.INSTANCE));
        if (Runtime.version().feature() >= ForeignMessageCalls.FIRST_JDK) {
            bindings.add(ForeignMessageCalls.bind());
        }
        if (JniMessageCalls.built()) {
            try {
                bindings.add(JniMessageCalls.bind());
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return bindings.stream();
    }

    @Test
    void thisJvmBindsForeignCallsFromJdk22AndJniBeforeWhenTheBuildCompiledIt() {
        String expected = (Runtime.version().feature() >= ForeignMessageCalls.FIRST_JDK)
                ? "Foreign Function and Memory API" : JniMessageCalls.built() ? "JNI" : "JNA direct mapping";
        assertThat(MessageCalls.bound().implementation()).startsWith(expected);
    }

    @Test
    void theBuildCompiledTheJniBinding() throws IOException {
        requireJni();
        assertThat(JniMessageCalls.bind().implementation()).isEqualTo("JNI");
    }

    @Test
    void theJniBindingLoadsFromAJarThroughATemporaryCopyItDeletes(@TempDir Path temp)
            throws IOException, URISyntaxException {
        requireJni();
        Path classes = Path.of(JniMessageCalls.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = temp.resolve("ipc-core-native.jar");
        jarOf(classes, jar);
        Path tmpdir = Files.createDirectory(temp.resolve("tmpdir"));
        try (PeerProcess peer = ChildJvm.start(List.of("-Djava.io.tmpdir=" + tmpdir), List.of(jar), JniPeer.class)) {
            peer.awaitLine("jar JNI", Duration.ofSeconds(30));
            assertThat(peer.waitFor(Duration.ofSeconds(30))).isZero();
        }
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertThat(left).as("what the load left in java.io.tmpdir").isEmpty();
        }
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_21)
    void aJvmThatCannotCopyTheJniLibraryFallsBackToJna(@TempDir Path temp) {
        requireJni();
        Path missing = temp.resolve("no-such-directory");
        try (PeerProcess peer = ChildJvm.start(List.of("-Djava.io.tmpdir=" + missing), List.of(), BindingPeer.class)) {
            peer.awaitLine("JNA direct mapping", Duration.ofSeconds(30));
        }
    }

    @Test
    void thePropertyKeepsJna() {
        try (PeerProcess peer = ChildJvm.start(List.of("-D" + MessageCalls.BINDING_PROPERTY + "=jna"), List.of(),
                BindingPeer.class)) {
            peer.awaitLine("JNA direct mapping", Duration.ofSeconds(30));
        }
    }

    @Test
    void anUnknownValueOfThePropertyIsReportedAndTheFastestBindingUsed() {
        String expected = MessageCalls.bound().implementation();
        try (PeerProcess peer = ChildJvm.start(List.of("-D" + MessageCalls.BINDING_PROPERTY + "=jnl"), List.of(),
                BindingPeer.class)) {
            peer.awaitLine(expected, Duration.ofSeconds(30));
            assertThat(peer.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(peer.stderr()).contains(MessageCalls.BINDING_PROPERTY + "=jnl is not a value it takes");
        }
    }

    private static void requireJni() {
        NativePeers.require(JniMessageCalls.built(), "the build did not compile the JNI message calls ("
                + JniMessageCalls.LIBRARY + "): it had no gcc or no jni.h (apt-get install gcc libc6-dev)");
    }

    private static void jarOf(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                entries.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                Files.copy(file, entries);
                entries.closeEntry();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bindings")
    void systemVSendAndReceiveCarryTheTypeAndTheBytesAndFailWithTheirErrno(MessageCalls calls) {
        int msqid = LibSysv.msgget(this.cleanup.sysvKey("calls"), LibSysv.IPC_CREAT | LibSysv.IPC_EXCL | 0600);
        assertThat(msqid).isNotNegative();
        try {
            MessageBuffer buffer = new MessageBuffer(calls, SysvLayout.MSGBUF_TEXT + 64);
            assertThat(calls.msgrcv(buffer, msqid, 64, 0, LibSysv.IPC_NOWAIT)).isEqualTo(-Errno.ENOMSG);
            byte[] payload = "hello, kernel".getBytes(StandardCharsets.US_ASCII);
            buffer.message().putLong(0, 7L);
            buffer.message().put(SysvLayout.MSGBUF_TEXT, payload);
            assertThat(calls.msgsnd(buffer, msqid, payload.length, LibSysv.IPC_NOWAIT)).isZero();
            buffer.message().putLong(0, 0L);
            assertThat(calls.msgrcv(buffer, msqid, 4, 0, LibSysv.IPC_NOWAIT)).as("too small").isEqualTo(-Errno.E2BIG);
            assertThat(calls.msgrcv(buffer, msqid, 64, 0, LibSysv.IPC_NOWAIT)).isEqualTo(payload.length);
            byte[] received = new byte[payload.length];
            buffer.message().get(SysvLayout.MSGBUF_TEXT, received);
            assertThat(received).isEqualTo(payload);
            assertThat(buffer.message().getLong(0)).isEqualTo(7L);
        }
        finally {
            LibSysv.msgctl(msqid, LibSysv.IPC_RMID, null);
        }
        MessageBuffer buffer = new MessageBuffer(calls, SysvLayout.MSGBUF_TEXT + 8);
        buffer.message().putLong(0, 1L);
        assertThat(calls.msgsnd(buffer, msqid, 1, LibSysv.IPC_NOWAIT)).as("a removed queue").isEqualTo(-Errno.EINVAL);
    }

    @ParameterizedTest
    @MethodSource("bindings")
    void posixSendAndReceiveCarryThePriorityAndTheBytesAndFailWithTheirErrno(MessageCalls calls) {
        String name = this.cleanup.posixName("calls");
        int mqd = LibRt.mq_open(name, Sys.O_RDWR | Sys.O_CREAT | Sys.O_EXCL | Sys.O_CLOEXEC, 0600, null);
        assertThat(mqd).isNotNegative();
        try {
            MessageBuffer buffer = new MessageBuffer(calls, 8192);
            Timespec.epoch(buffer.timespec());
            assertThat(calls.mqTimedreceive(buffer, mqd, 8192)).as("empty").isEqualTo(-Errno.ETIMEDOUT);
            byte[] payload = "hello, mqueue".getBytes(StandardCharsets.US_ASCII);
            buffer.message().put(0, payload);
            assertThat(calls.mqTimedsend(buffer, mqd, payload.length, 5)).isZero();
            assertThat(calls.mqTimedreceive(buffer, mqd, 16)).as("smaller than mq_msgsize").isEqualTo(-Errno.EMSGSIZE);
            assertThat(calls.mqTimedreceive(buffer, mqd, 8192)).isEqualTo(payload.length);
            byte[] received = new byte[payload.length];
            buffer.message().get(0, received);
            assertThat(received).isEqualTo(payload);
            assertThat(buffer.priority()).isEqualTo(5);
        }
        finally {
            LibRt.mq_close(mqd);
            LibRt.mq_unlink(name);
        }
        MessageBuffer buffer = new MessageBuffer(calls, 64);
        Timespec.epoch(buffer.timespec());
        assertThat(calls.mqTimedsend(buffer, -1, 1, 0)).as("no descriptor").isEqualTo(-Errno.EBADF);
    }

    @ParameterizedTest
    @MethodSource("bindings")
    void fifoWritesAndReadsCarryTheBytesFromAnyIndexAndFailWithTheirErrno(MessageCalls calls, @TempDir Path temp) {
        Path path = temp.resolve("calls.fifo");
        assertThat(LibC.mkfifo(path.toString(), 0600)).isZero();
        // Both ends in one descriptor, non-blocking: the FIFO is never without a reader or a writer.
        int fd = LibC.open(path.toString(), Sys.O_RDWR | Sys.O_NONBLOCK | Sys.O_CLOEXEC, 0);
        assertThat(fd).isNotNegative();
        try {
            MessageBuffer buffer = new MessageBuffer(calls, 64);
            assertThat(calls.read(buffer, fd, 64)).as("empty").isEqualTo(-Errno.EAGAIN);
            buffer.message().put(0, "hello, fifo".getBytes(StandardCharsets.US_ASCII));
            assertThat(calls.write(buffer, fd, 0, 5)).isEqualTo(5);
            assertThat(calls.write(buffer, fd, 5, 6)).as("the rest, from index 5").isEqualTo(6);
            buffer.message().put(0, new byte[16]);
            assertThat(calls.read(buffer, fd, 64)).isEqualTo(11);
            byte[] received = new byte[11];
            buffer.message().get(0, received);
            assertThat(new String(received, StandardCharsets.US_ASCII)).isEqualTo("hello, fifo");
        }
        finally {
            LibC.close(fd);
        }
        MessageBuffer buffer = new MessageBuffer(calls, 8);
        assertThat(calls.write(buffer, -1, 0, 1)).as("no descriptor").isEqualTo(-Errno.EBADF);
        assertThat(calls.read(buffer, -1, 1)).as("no descriptor").isEqualTo(-Errno.EBADF);
        int reader = LibC.open(path.toString(), Sys.O_RDONLY | Sys.O_NONBLOCK | Sys.O_CLOEXEC, 0);
        int writer = LibC.open(path.toString(), Sys.O_WRONLY | Sys.O_NONBLOCK | Sys.O_CLOEXEC, 0);
        assertThat(reader).isNotNegative();
        assertThat(writer).isNotNegative();
        LibC.close(reader);
        try {
            // The JVM ignores SIGPIPE: the write fails with its errno instead.
            assertThat(calls.write(buffer, writer, 0, 1)).as("no reader").isEqualTo(-Errno.EPIPE);
        }
        finally {
            LibC.close(writer);
        }
    }

    /** Loads the JNI binding and prints where its library came from and its name. */
    public static final class JniPeer {

        private JniPeer() {
        }

        public static void main(String[] args) throws IOException {
            String protocol = JniMessageCalls.class.getResource(JniMessageCalls.LIBRARY).getProtocol();
            ChildJvm.say(protocol + " " + JniMessageCalls.bind().implementation());
        }
    }

    /** Prints the binding its JVM chose. */
    public static final class BindingPeer {

        private BindingPeer() {
        }

        public static void main(String[] args) {
            ChildJvm.say(MessageCalls.bound().implementation());
        }
    }
}
