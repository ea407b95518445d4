package dev.springipc.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's own settings ({@code sample.*}).
 *
 * @param orders orders the producer sends in its bounded run
 * @param keepRunning whether the producer keeps going after the run (one order a second) until
 * Ctrl-C or SIGTERM, instead of stopping
 * @param partner whether the producer starts the consumer as its child process; {@code false} when
 * the consumer runs elsewhere (another container of the same IPC namespace)
 * @param parentPid pid of the producer that started this consumer; the consumer stops when it is
 * gone (0: none)
 */
@ConfigurationProperties("sample")
record SampleProperties(@DefaultValue("200") int orders, @DefaultValue("false") boolean keepRunning,
        @DefaultValue("true") boolean partner, @DefaultValue("0") long parentPid) {
}
