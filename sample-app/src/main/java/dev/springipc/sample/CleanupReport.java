package dev.springipc.sample;

import java.nio.file.Path;
import java.util.List;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says what the stop removed. It stops in the lowest phase, after the starter's resource
 * lifecycle has closed and removed every object, whether the run ended or Ctrl-C stopped it.
 */
@Component
@Profile("producer")
class CleanupReport implements SmartLifecycle {

    private final String namespace;

    private final Path fifoDirectory;

    private List<String> seen = List.of();

    private volatile boolean running;

    CleanupReport(Environment environment) {
        this.namespace = environment.getRequiredProperty("ipc.namespace");
        this.fifoDirectory = Path.of(environment.getProperty("ipc.fifo-directory", "/tmp"));
    }

    /** The objects there are now, called once the run has made them all. */
    List<String> takeStock() {
        this.seen = LeftoverScan.of(this.namespace, this.fifoDirectory);
        return this.seen;
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
        List<String> left = LeftoverScan.of(this.namespace, this.fifoDirectory);
        long removed = this.seen.stream().filter((name) -> !left.contains(name)).count();
        Console.say("done; removed " + removed + " objects" + (left.isEmpty() ? ", nothing left behind" : "; left: " + left));
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;   // stop last
    }
}
