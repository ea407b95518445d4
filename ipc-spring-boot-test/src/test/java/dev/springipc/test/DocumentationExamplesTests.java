package dev.springipc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java example in docs/testing.md is code that a test of the project compiles: each block
 * appears, as written, in a test source file.
 */
class DocumentationExamplesTests {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaExampleIsCompiledTestCode() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String doc = Files.readString(root.resolve("docs/testing.md"));
        List<String> sources = testSources(root);
        List<String> examples = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(doc);
        while (matcher.find()) {
            examples.add(matcher.group(1).strip());
        }

        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        assertThat(examples).allSatisfy((example) -> assertThat(sources)
            .as("a test source that contains the example%n%s", example)
            .anyMatch((source) -> source.contains(example)));
    }

    private static List<String> testSources(Path root) throws IOException {
        List<String> sources = new ArrayList<>();
        for (String module : List.of("ipc-spring-boot-test", "sample-app")) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/test/java"))) {
                for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
                    sources.add(Files.readString(file));
                }
            }
        }
        return sources;
    }
}
