package dev.springipc.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java in the docs cannot rot: every {@code ```java} block of README.md and docs/*.md stands,
 * line for line (indentation aside), in a Java source of a test or of the project the build runs
 * as a user's (src/it), which the build compiles.
 */
class DocumentationSnippetsTests {

    private static final Path ROOT = Path.of("..");

    @Test
    void everyJavaBlockOfTheDocsIsCompiledTestCode() throws IOException {
        List<List<String>> sources = sources();
        List<String> missing = new ArrayList<>();
        int blocks = 0;
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equals("```java")) {
                    continue;
                }
                int start = i + 1;
                List<String> block = new ArrayList<>();
                for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    block.add(lines.get(i));
                }
                blocks++;
                List<String> normalized = normalize(block);
                if (sources.stream().noneMatch((source) -> contains(source, normalized))) {
                    missing.add(ROOT.relativize(doc) + ":" + start);
                }
            }
        }
        assertThat(blocks).as("Java blocks in the docs").isGreaterThanOrEqualTo(20);
        assertThat(missing).as("Java blocks that stand in no test source (copy them into one, word for word)")
            .isEmpty();
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** Every Java file under a module's src/test or src/it, normalized. */
    private static List<List<String>> sources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter((file) -> file.toString().endsWith(".java"))
                .filter((file) -> file.toString().contains("/src/test/") || file.toString().contains("/src/it/"))
                .filter((file) -> !file.toString().contains("/target/"))
                .map(DocumentationSnippetsTests::read)
                .map(DocumentationSnippetsTests::normalize)
                .toList();
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Lines without their indentation, blank lines dropped. */
    private static List<String> normalize(List<String> lines) {
        return lines.stream().map(String::strip).filter((line) -> !line.isEmpty()).toList();
    }

    private static boolean contains(List<String> source, List<String> block) {
        if (block.isEmpty()) {
            return true;
        }
        for (int at = 0; at + block.size() <= source.size(); at++) {
            if (source.subList(at, at + block.size()).equals(block)) {
                return true;
            }
        }
        return false;
    }
}
