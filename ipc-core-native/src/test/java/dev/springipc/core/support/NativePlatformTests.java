package dev.springipc.core.support;

import dev.springipc.core.IpcUnsupportedPlatformException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativePlatformTests {

    @Test
    void anotherOperatingSystemGetsAnErrorNamingIt() {
        assertThatThrownBy(() -> NativePlatform.requireSupported("POSIX semaphore /x", "Mac OS X"))
                .isInstanceOf(IpcUnsupportedPlatformException.class)
                .hasMessageContaining("POSIX semaphore /x").hasMessageContaining("not available on Mac OS X")
                .hasMessageContaining("ipc.enabled=false");
        assertThat(NativePlatform.isSupported("Windows 11")).isFalse();
    }

    @Test
    void linuxIsSupported() {
        assertThat(NativePlatform.isSupported("Linux")).isTrue();
        assertThat(NativePlatform.isSupported()).isTrue();
        NativePlatform.requireSupported("anything");
    }
}
