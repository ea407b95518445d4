package dev.springipc.core.sysv;

import dev.springipc.core.SysvKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SysvKeyTests {

    @Test
    void keyFromANameIsTheDocumentedFnv1aHashWithTheSignBitCleared() {
        // FNV-1a 32 of "" is the offset basis 0x811c9dc5; of "a" it is 0xe40c292c (published test vectors).
        assertThat(SysvKey.of("")).isEqualTo(0x011c9dc5);
        assertThat(SysvKey.of("a")).isEqualTo(0x640c292c);
        assertThat(SysvKey.of("/demo.jobs")).isEqualTo(SysvKey.of("/demo.jobs")).isPositive();
        assertThat(SysvKey.of("/demo.jobs")).isNotEqualTo(SysvKey.of("/demo.job"));
    }

    @Test
    void keysAreFormattedAsIpcsPrintsThem() {
        assertThat(SysvKey.format(0xabcd)).isEqualTo("0x0000abcd");
    }
}
