package dev.springipc.core.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** How the level-2 cache size is read from sysfs, and what stands in when sysfs says nothing. */
class CpuCachesTests {

    @Test
    void sizesAreReadAsSysfsWritesThem() {
        assertThat(CpuCaches.parseSize("512K")).isEqualTo(512 * 1024);
        assertThat(CpuCaches.parseSize("1M")).isEqualTo(1024 * 1024);
        assertThat(CpuCaches.parseSize("4096")).isEqualTo(4096);
        assertThat(CpuCaches.parseSize("")).isZero();
        assertThat(CpuCaches.parseSize("lots")).isZero();
    }

    @Test
    void theLevel2IsTheUnifiedOrDataCacheOfLevel2(@TempDir Path caches) throws IOException {
        cache(caches, 0, "1", "Data", "48K");
        cache(caches, 1, "1", "Instruction", "32K");
        cache(caches, 2, "2", "Unified", "2048K");
        cache(caches, 3, "3", "Unified", "107520K");
        assertThat(CpuCaches.level2Bytes(caches)).isEqualTo(2048 * 1024);
    }

    @Test
    void aMachineWhoseSysfsSaysNothingGetsTheFallback(@TempDir Path caches) throws IOException {
        assertThat(CpuCaches.level2Bytes(caches.resolve("absent"))).isEqualTo(CpuCaches.FALLBACK_LEVEL2_BYTES);
        cache(caches, 0, "1", "Data", "48K");
        cache(caches, 1, "2", "Unified", "garbled");
        assertThat(CpuCaches.level2Bytes(caches)).isEqualTo(CpuCaches.FALLBACK_LEVEL2_BYTES);
    }

    @Test
    void thisMachinesLevel2IsRead() throws IOException {
        Path real = Path.of("/sys/devices/system/cpu/cpu0/cache/index2/size");
        long expected = Files.isReadable(real) && Files.readString(real).strip().endsWith("K")
                ? 1024L * Long.parseLong(Files.readString(real).strip().replace("K", ""))
                : CpuCaches.FALLBACK_LEVEL2_BYTES;
        // index2 is the level 2 on every x86 and arm64 kernel we know; elsewhere just a sane size.
        assertThat(CpuCaches.level2Bytes()).isBetween(64L * 1024, 1L << 30);
        if (Files.isReadable(real.resolveSibling("level")) && Files.readString(real.resolveSibling("level")).strip().equals("2")) {
            assertThat(CpuCaches.level2Bytes()).isEqualTo(expected);
        }
    }

    private static void cache(Path caches, int index, String level, String type, String size) throws IOException {
        Path entry = Files.createDirectories(caches.resolve("index" + index));
        Files.writeString(entry.resolve("level"), level + "\n");
        Files.writeString(entry.resolve("type"), type + "\n");
        Files.writeString(entry.resolve("size"), size + "\n");
    }
}
