package dev.springipc.core.trust;

import java.nio.file.Path;
import java.util.List;

import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcInvalidNameException;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Names an attacker could choose to make the application open something else: traversal, an
 * embedded {@code /}, NUL, control characters, over-long names. Every one is refused before any
 * system call with {@link IpcInvalidNameException}; prints {@code ATTACK-REFUSED} for each.
 */
class NameAttackTests {

    private static final List<String> POSIX_NAMES = List.of("/..", "/.", "/../etc/passwd", "/a/b", "/a\0b", "/a\nb",
            "relative", "/", "/" + "x".repeat(256), "/a b", "/a\\b");

    private static final List<String> FIFO_PATHS = List.of("../escape.fifo", "a/../../escape.fifo", "a\0b.fifo", "",
            "  ", "x/..");

    @Test
    void everyHostilePosixNameIsRefusedByEveryKind() {
        int refused = 0;
        for (String name : POSIX_NAMES) {
            assertThatThrownBy(() -> IpcSharedSegment.builder(name).size(4096).open())
                .isInstanceOf(IpcInvalidNameException.class).hasMessageContaining("invalid name");
            assertThatThrownBy(() -> IpcSemaphore.builder(name).open())
                .isInstanceOf(IpcInvalidNameException.class);
            assertThatThrownBy(() -> IpcMessageQueue.posix(name).open()).isInstanceOf(IpcInvalidNameException.class);
            refused += 3;
        }
        // glibc stores a semaphore as sem.<name>: 252 characters are too long for it, not for a segment.
        assertThatThrownBy(() -> IpcSemaphore.builder("/" + "x".repeat(252)).open())
            .isInstanceOf(IpcInvalidNameException.class).hasMessageContaining("the limit is 251");
        refused++;
        System.out.println("ATTACK-REFUSED names posix=" + refused);
    }

    @Test
    void everyHostileFifoPathIsRefused() {
        for (String path : FIFO_PATHS) {
            assertThatThrownBy(() -> IpcFifo.builder(path).directory(Path.of("/tmp")).open())
                .as(path).isInstanceOf(IpcInvalidNameException.class).hasMessageContaining("invalid FIFO path");
        }
        System.out.println("ATTACK-REFUSED names fifo=" + FIFO_PATHS.size());
    }
}
