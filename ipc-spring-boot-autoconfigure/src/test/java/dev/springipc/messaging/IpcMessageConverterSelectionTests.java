package dev.springipc.messaging;

import java.time.Duration;
import java.util.Map;

import dev.springipc.autoconfigure.IpcAutoConfiguration;
import dev.springipc.autoconfigure.IpcMessagingAutoConfiguration;
import dev.springipc.autoconfigure.IpcTemplateCustomizer;
import dev.springipc.core.CreateMode;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.testsupport.IpcCleanup;
import dev.springipc.testsupport.TestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which converter the template and the listeners use, as a native reader of a raw queue sees it:
 * the application's one {@code MessageConverter} bean (also beside Spring Integration's own), a
 * bean named {@code ipcMessageConverter}, else the default chain; template customizers; and a
 * clear error for JSON without Jackson 3.
 */
class IpcMessageConverterSelectionTests {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private static final String SNAKE_CASE_JSON = "{\"order_id\":\"A-1\",\"quantity\":2}";

    private static final String DEFAULT_JSON = "{\"orderId\":\"A-1\",\"quantity\":2}";

    @RegisterExtension
    final IpcCleanup cleanup = new IpcCleanup();

    private final String namespace = TestNames.unique("conv");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IpcAutoConfiguration.class, IpcMessagingAutoConfiguration.class))
        .withPropertyValues("ipc.namespace=" + this.namespace, "ipc.queues.orders.max-messages=4");

    record Order(String orderId, int quantity) {
    }

    @Test
    void theApplicationsOnlyMessageConverterIsUsedEvenBesideSpringIntegrationsOwn() {
        this.runner.withUserConfiguration(SnakeCaseConverter.class, IntegrationEnabled.class).run((context) -> {
            assertThat(context).hasBean(IntegrationContextUtils.ARGUMENT_RESOLVER_MESSAGE_CONVERTER_BEAN_NAME)
                .hasBean(IntegrationContextUtils.INTEGRATION_DATATYPE_CHANNEL_MESSAGE_CONVERTER_BEAN_NAME);
            IpcTemplate template = context.getBean(IpcTemplate.class);
            template.convertAndSend("orders", new Order("A-1", 2));
            assertThat(readNatively("orders")).isEqualTo(SNAKE_CASE_JSON);
            template.convertAndSend("orders", new Order("A-1", 2));
            assertThat(template.receiveAndConvert("orders", Order.class, WAIT)).isEqualTo(new Order("A-1", 2));
        });
    }

    @Test
    void aBeanNamedIpcMessageConverterOfAnyTypeWinsOverOtherConverters() {
        this.runner.withUserConfiguration(NamedConverter.class, IntegrationEnabled.class).run((context) -> {
            context.getBean(IpcTemplate.class).convertAndSend("orders", new Order("A-1", 2));
            assertThat(readNatively("orders")).isEqualTo(SNAKE_CASE_JSON);
        });
    }

    @Test
    void aPrimaryConverterAmongSeveralIsUsed() {
        this.runner.withUserConfiguration(TwoConverters.class, PrimarySnakeCase.class).run((context) -> {
            context.getBean(IpcTemplate.class).convertAndSend("orders", new Order("A-1", 2));
            assertThat(readNatively("orders")).isEqualTo(SNAKE_CASE_JSON);
        });
    }

    @Test
    void withSeveralConvertersAndNoneChosenTheDefaultChainIsUsed() {
        this.runner.withUserConfiguration(TwoConverters.class).run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            assertThat(template.getMessageConverter()).isInstanceOf(IpcMessageConverter.class);
            template.convertAndSend("orders", new Order("A-1", 2));
            assertThat(readNatively("orders")).isEqualTo(DEFAULT_JSON);
        });
    }

    @Test
    void theDefaultConverterIsNoMessageConverterBeanOfItsOwn() {
        this.runner.run((context) -> {
            assertThat(context).doesNotHaveBean(MessageConverter.class);
            assertThat(context.getBean(IpcTemplate.class).getMessageConverter()).isInstanceOf(IpcMessageConverter.class);
        });
    }

    @Test
    void templateCustomizersRunAfterThePropertiesInOrder() {
        this.runner.withPropertyValues("ipc.template.default-destination=elsewhere")
            .withBean("first", IpcTemplateCustomizer.class, () -> (template) -> template.setDefaultDestination("orders"))
            .run((context) -> {
                IpcTemplate template = context.getBean(IpcTemplate.class);
                template.convertAndSend("to the default");
                assertThat(readNatively("orders")).isEqualTo("to the default");
            });
    }

    @Test
    void jsonWithoutJackson3FailsNamingJackson3NotAMissingClass() {
        this.runner.withClassLoader(new FilteredClassLoader("tools.jackson")).run((context) -> {
            IpcTemplate template = context.getBean(IpcTemplate.class);
            assertThat(((IpcMessageConverter) template.getMessageConverter()).supportsJson()).isFalse();
            assertThatExceptionOfType(MessageConversionException.class)
                .isThrownBy(() -> template.convertAndSend("orders", new Order("A-1", 2)))
                .withMessageContaining("JSON needs Jackson 3")
                .withMessageContaining("tools.jackson.core:jackson-databind");
            assertThatExceptionOfType(MessageConversionException.class)
                .isThrownBy(() -> template.convertAndSend("orders", "{}",
                        Map.of(MessageHeaders.CONTENT_TYPE, "application/json")))
                .withMessageContaining("as application/json")
                .withMessageContaining("JSON needs Jackson 3");
            template.convertAndSend("orders", "text still works");
            assertThat(readNatively("orders")).isEqualTo("text still works");
            template.convertAndSend("orders", DEFAULT_JSON);
            assertThatExceptionOfType(MessageConversionException.class)
                .isThrownBy(() -> template.receiveAndConvert("orders", Order.class, WAIT))
                .withMessageContaining("JSON needs Jackson 3");
        });
    }

    private String readNatively(String key) throws Exception {
        try (IpcMessageQueue reader = IpcMessageQueue.posix("/" + this.namespace + "." + key)
            .create(CreateMode.OPEN_ONLY)
            .open()) {
            return reader.receive(WAIT).orElseThrow().payloadAsString();
        }
    }

    static JacksonJsonMessageConverter snakeCase() {
        return new JacksonJsonMessageConverter(
                JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class IntegrationEnabled {

    }

    @Configuration(proxyBeanMethods = false)
    static class SnakeCaseConverter {

        @Bean
        JacksonJsonMessageConverter snakeCaseConverter() {
            return snakeCase();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class NamedConverter {

        @Bean
        MessageConverter ipcMessageConverter() {
            return snakeCase();
        }

        @Bean
        StringMessageConverter someOtherConverter() {
            return new StringMessageConverter();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class TwoConverters {

        @Bean
        StringMessageConverter textConverter() {
            return new StringMessageConverter();
        }

        @Bean
        ByteArrayMessageConverter bytesConverter() {
            return new ByteArrayMessageConverter();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class PrimarySnakeCase {

        @Bean
        @Primary
        JacksonJsonMessageConverter primaryConverter() {
            return snakeCase();
        }

    }
}
