package dev.springipc.sample;

import java.time.Duration;

import dev.springipc.core.IpcBarrier;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The consumer's start: its listeners already run; it meets the producer at the barrier
 * {@code start}, and stops by itself if the producer that started it goes away (even by SIGKILL).
 */
@Component
@Profile("consumer")
class ConsumerStart implements ApplicationRunner {

    private final IpcBarrier start;

    private final PriceWorker pricer;

    private final SampleProperties sample;

    private final ConfigurableApplicationContext context;

    ConsumerStart(IpcBarrier start, PriceWorker pricer, SampleProperties sample, ConfigurableApplicationContext context) {
        this.start = start;
        this.pricer = pricer;
        this.sample = sample;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (this.sample.parentPid() > 0) {
            ProcessHandle.of(this.sample.parentPid())
                .ifPresentOrElse((parent) -> parent.onExit().thenRun(this::parentGone), this::parentGone);
        }
        Console.say("pid " + ProcessHandle.current().pid() + " listening on 'orders' (shm, 4 threads) and 'status'; "
                + "pricing with a " + this.pricer.program() + " worker behind the pipe 'pricer'");
        this.start.await(Duration.ofSeconds(60));
    }

    @EventListener
    void onClose(ContextClosedEvent event) {
        Console.say("stopping: listeners first, then the pipe worker; the producer removes the objects it created");
    }

    private void parentGone() {
        Console.say("the producer is gone: stopping");
        System.exit(SpringApplication.exit(this.context));
    }
}
