package dev.springipc.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One jar, two roles. Without a profile it is the producer (profile {@code producer}): it creates
 * the IPC objects, starts the consumer as a child process (profile {@code consumer}), sends the
 * orders and, after a bounded run, stops both and removes every object.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
        SampleProperties sample = context.getBean(SampleProperties.class);
        boolean producer = context.getEnvironment().matchesProfiles("producer");
        if (producer && !sample.keepRunning() && context.isActive()) {
            // The bounded run is over (ProducerRun returned): stop the consumer, remove the objects.
            System.exit(SpringApplication.exit(context));
        }
        // Otherwise it runs until SIGTERM or Ctrl-C; Spring Boot's shutdown hook closes the context.
    }
}
