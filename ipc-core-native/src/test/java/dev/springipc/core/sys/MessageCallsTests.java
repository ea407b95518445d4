package dev.springipc.core.sys;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.springipc.testsupport.ChildJvm;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.PeerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both bindings of {@link MessageCalls} against real kernel queues: results, errno, the System V
 * type and the POSIX priority. The foreign binding exists from JDK 22 (CI runs JDK 25 too).
 */
class MessageCallsTests {

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    static Stream<MessageCalls> bindings() throws ReflectiveOperationException {
        List<MessageCalls> bindings = new ArrayList<>(List.of(JnaMessageCalls.INSTANCE));
        if (Runtime.version().feature() >= ForeignMessageCalls.FIRST_JDK) {
            bindings.add(ForeignMessageCalls.bind());
        }
        return bindings.stream();
    }

    @Test
    void thisJvmBindsForeignCallsFromJdk22AndJnaBefore() {
        String expected = (Runtime.version().feature() >= ForeignMessageCalls.FIRST_JDK)
                ? "Foreign Function and Memory API" : "JNA direct mapping";
        assertThat(MessageCalls.bound().implementation()).startsWith(expected);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_22)
    void thePropertyKeepsJnaOnAJdkThatHasForeignCalls() {
        try (PeerProcess peer = ChildJvm.start(List.of("-D" + MessageCalls.FOREIGN_PROPERTY + "=false"), List.of(),
                BindingPeer.class)) {
            peer.awaitLine("JNA direct mapping", java.time.Duration.ofSeconds(30));
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

    /** Prints the binding its JVM chose. */
    public static final class BindingPeer {

        private BindingPeer() {
        }

        public static void main(String[] args) {
            ChildJvm.say(MessageCalls.bound().implementation());
        }
    }
}
