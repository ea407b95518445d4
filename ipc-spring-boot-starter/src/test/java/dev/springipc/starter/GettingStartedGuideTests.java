package dev.springipc.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The getting-started guide cannot rot: every Java, XML and YAML block in it stands verbatim in
 * the fresh project that the build compiles and runs ({@code src/it/plain-dependency}).
 */
class GettingStartedGuideTests {

    private static final Path GUIDE = Path.of("../docs/getting-started.md");

    private static final Path PROJECT = Path.of("src/it/plain-dependency");

    @Test
    void everyCodeBlockOfTheGuideIsPartOfTheTestedProject() throws IOException {
        String project = projectText();
        List<String> blocks = codeBlocks(Files.readAllLines(GUIDE));
        assertThat(blocks).as("code blocks in %s", GUIDE).hasSizeGreaterThanOrEqualTo(6);
        assertThat(blocks).allSatisfy((block) -> assertThat(project).as("the project holds this block of the guide")
            .contains(block));
    }

    /** Every file of the project, with the build's versions in place of the invoker's tokens. */
    private static String projectText() throws IOException {
        try (Stream<Path> files = Files.walk(PROJECT)) {
            return files.filter(Files::isRegularFile)
                .map(GettingStartedGuideTests::read)
                .collect(Collectors.joining("\n"))
                .replace("@spring-boot.version@", System.getProperty("spring-boot.version", "?"))
                .replace("@project.version@", System.getProperty("project.version", "?"));
        }
    }

    /** The fenced blocks marked java, xml or yaml. */
    private static List<String> codeBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (fence.equals("```java") || fence.equals("```xml") || fence.equals("```yaml")) {
                StringBuilder block = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    block.append(lines.get(i)).append('\n');
                }
                blocks.add(block.toString().stripTrailing());
            }
        }
        return blocks;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
