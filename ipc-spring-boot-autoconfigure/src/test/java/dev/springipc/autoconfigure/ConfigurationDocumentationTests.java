package dev.springipc.autoconfigure;

import java.io.IOException;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What users read stays true: docs/configuration.md documents every property of the generated
 * configuration metadata, the metadata describes every property, no description or doc speaks
 * of features as missing or to come, and every YAML snippet of the docs binds as written.
 */
class ConfigurationDocumentationTests {

    private static final Path ROOT = Path.of("..");

    /**
     * Wording that says a feature is missing or still to come. Such text goes stale the day the
     * feature arrives; the docs and the IDE say what is true today. Plain "not yet" stays
     * allowed: "records read and not yet zeroed" describes the present.
     */
    static final List<Pattern> STALE_PHRASES = Stream
        .of("not available in this version", "in this version", "this version (cannot|does not|doesn't|lacks)",
                "not (yet )?(available|implemented|supported) yet", "not yet (available|implemented|supported)",
                "(in|with) (a|the) (future|later|next) (version|release)", "future versions?",
                "cannot provide", "coming soon", "will (cover|support|provide|add)",
                "will be (available|supported|added|implemented|provided)", "\\bplanned\\b", "\\bTODO\\b",
                "\\bFIXME\\b", "\\bnot (available|implemented) yet\\b")
        .map((regex) -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE))
        .toList();

    /** Marks a YAML snippet that Spring Boot does not read (e.g. a Kubernetes manifest), with the reason after the colon. */
    private static final String NOT_IPC_MARKER = "<!-- not ipc.*:";

    @Test
    void everyPropertyOfTheMetadataIsDescribedAndDocumented() throws Exception {
        List<Map<String, Object>> properties = metadata("$.properties");
        String doc = Files.readString(ROOT.resolve("docs/configuration.md"));
        assertThat(properties).hasSizeGreaterThanOrEqualTo(12);
        List<String> undocumented = new ArrayList<>();
        for (Map<String, Object> property : properties) {
            String name = (String) property.get("name");
            assertThat((String) property.get("description")).as("description of %s", name).isNotBlank();
            if (!doc.contains("`" + name + "`")) {
                undocumented.add(name);
            }
        }
        assertThat(undocumented).as("properties missing from docs/configuration.md").isEmpty();
    }

    /**
     * The metadata cannot describe the keys inside a map entry ({@code ipc.queues.<key>.type}):
     * Spring Boot's format stops at the map. So each map's description lists the keys its
     * entries take, and docs/configuration.md documents each of them.
     */
    @Test
    void everyResourceMapListsAndDocumentsTheKeysItsEntriesTake() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/configuration.md"));
        List<String> problems = new ArrayList<>();
        for (IpcResourceKind<?> kind : IpcResourceKind.ALL) {
            String map = "ipc." + kind.property();
            List<Map<String, Object>> found = metadata("$.properties[?(@.name == '" + map + "')]");
            assertThat(found).as(map + " in the metadata").hasSize(1);
            String type = (String) found.get(0).get("type");
            Class<?> entry = Class.forName(type.substring(type.indexOf(',') + 1, type.length() - 1));
            Set<String> keys = new LinkedHashSet<>();
            for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(entry)) {
                if (property.getWriteMethod() != null) {
                    keys.add(property.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
                }
            }
            if (kind == IpcResourceKind.PIPES) {
                // A child process has no OS name: the common settings of named objects do not apply.
                keys.removeAll(List.of("name", "mode", "create", "cleanup"));
            }
            String description = (String) found.get(0).get("description");
            Matcher listed = Pattern.compile("Entry keys: ([a-z-, ]+)\\.").matcher(description);
            Set<String> described = listed.find() ? new LinkedHashSet<>(List.of(listed.group(1).split(", ")))
                    : Set.of();
            if (!described.equals(keys)) {
                problems.add(map + ": the description lists " + described + ", the entry takes " + keys);
            }
            for (String key : keys) {
                boolean common = List.of("name", "mode", "create", "cleanup").contains(key);
                boolean documented = doc.contains("`" + map + ".<key>." + key + "`")
                        || (common && doc.contains("| `" + key + "` |"));
                if (!documented) {
                    problems.add(map + ".<key>." + key + " is not documented in docs/configuration.md");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noDescriptionOrDocSaysAFeatureIsMissingOrToCome() throws Exception {
        List<String> stale = new ArrayList<>();
        for (String item : List.of("$.properties", "$.groups", "$.hints[*].values")) {
            for (Object entry : metadataEntries(item)) {
                Map<?, ?> map = (Map<?, ?>) entry;
                String description = (String) map.get("description");
                String where = "metadata " + (map.containsKey("name") ? map.get("name") : map.get("value"));
                stale.addAll(stalePhrases(where, description));
            }
        }
        for (Path file : userFacingFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                stale.addAll(stalePhrases(ROOT.relativize(file) + ":" + (i + 1), lines.get(i)));
            }
        }
        assertThat(stale).as("text that speaks of features as missing or to come; say what is true today")
            .isEmpty();
    }

    @Test
    void theStalePhraseCheckFindsWhatItLooksFor() {
        assertThat(stalePhrases("x", "Robust mutexes, by bean name (not available in this version).")).hasSize(1)
            .first()
            .asString()
            .contains("x", "not available in this version");
        assertThat(stalePhrases("x", "System V semaphores with undo will cover this")).hasSize(1);
        assertThat(stalePhrases("x", "rejects what this version cannot provide")).hasSize(1);
        assertThat(stalePhrases("x", "kinds not available yet")).hasSize(1);
        assertThat(stalePhrases("x", "pipes arrive in a future version")).hasSize(1);
        assertThat(stalePhrases("x", "records read and not yet zeroed; the head it had not yet moved")).isEmpty();
    }

    @Test
    void everyYamlSnippetOfTheDocsLoadsAndBindsAsWritten() throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        for (Path file : docs()) {
            snippets.addAll(Snippet.in(file));
        }
        assertThat(snippets).as("YAML snippets in the docs").hasSizeGreaterThanOrEqualTo(5);
        List<String> problems = new ArrayList<>();
        for (Snippet snippet : snippets) {
            problems.addAll(snippet.problems());
        }
        assertThat(problems).as("YAML snippets that do not load or bind as written").isEmpty();
    }

    @Test
    void theSnippetCheckCatchesAnEntryThatBootsYamlLoaderDrops() {
        Snippet snippet = new Snippet("test.md", 1, """
                ipc:
                  queues:
                    orders: { dead-letter: orders-dlq }
                    orders-dlq: {}
                """, false);
        assertThat(snippet.problems()).anySatisfy((problem) -> assertThat(problem).contains("test.md:1",
                "ipc.queues.orders-dlq", "dropped", "orders-dlq:"));
        Snippet typo = new Snippet("test.md", 1, "ipc:\n  queues:\n    orders: { max-mesages: 10 }\n", false);
        assertThat(typo.problems()).anySatisfy((problem) -> assertThat(problem).contains("max-mesages"));
        Snippet unmarked = new Snippet("test.md", 1, "spring:\n  application:\n    name: demo\n", false);
        assertThat(unmarked.problems()).anySatisfy((problem) -> assertThat(problem).contains(NOT_IPC_MARKER));
    }

    private static List<String> stalePhrases(String where, Object text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        for (Pattern phrase : STALE_PHRASES) {
            Matcher matcher = phrase.matcher(text.toString());
            if (matcher.find()) {
                found.add(where + ": \"" + matcher.group() + "\" in: " + text.toString().strip());
                break;
            }
        }
        return found;
    }

    /** Markdown read by users, and the main sources whose javadoc and messages IDEs and logs show. */
    private static List<Path> userFacingFiles() throws IOException {
        List<Path> files = new ArrayList<>(docs());
        for (String module : List.of("ipc-spring-boot-autoconfigure", "ipc-core-native")) {
            try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src/main"))) {
                sources.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static List<Path> docs() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    private List<Map<String, Object>> metadata(String path) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            return JsonPath.parse(in).read(path);
        }
    }

    /** Entries of {@code path}, flattened when the path selects lists. */
    private List<Object> metadataEntries(String path) throws IOException {
        List<Object> entries = new ArrayList<>();
        for (Object entry : metadata(path)) {
            if (entry instanceof List<?> list) {
                entries.addAll(list);
            }
            else {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** One fenced YAML block of a Markdown file. */
    private record Snippet(String file, int line, String yaml, boolean markedNotIpc) {

        static List<Snippet> in(Path file) throws IOException {
            List<Snippet> snippets = new ArrayList<>();
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String fence = lines.get(i).strip();
                if (fence.equals("```yaml") || fence.equals("```yml")) {
                    boolean marked = i > 0 && lines.get(i - 1).strip().startsWith(NOT_IPC_MARKER);
                    int start = i + 1;
                    StringBuilder yaml = new StringBuilder();
                    for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                        yaml.append(lines.get(i)).append('\n');
                    }
                    snippets.add(new Snippet(ROOT.relativize(file).toString(), start, yaml.toString(), marked));
                }
            }
            return snippets;
        }

        List<String> problems() {
            String where = this.file + ":" + this.line;
            List<PropertySource<?>> sources;
            try {
                sources = new YamlPropertySourceLoader().load(where,
                        new ByteArrayResource(this.yaml.getBytes(StandardCharsets.UTF_8)));
            }
            catch (Exception ex) {
                return List.of(where + ": does not load as YAML: " + ex.getMessage());
            }
            Map<String, Object> root = root();
            if (!root.containsKey("ipc") && this.markedNotIpc) {
                // Not read by Spring Boot (e.g. a Kubernetes manifest, where {} is meaningful): it only has to load.
                return List.of();
            }
            List<String> problems = new ArrayList<>(dropped(where, sources));
            if (!root.containsKey("ipc")) {
                problems.add(where + ": has no ipc key; bind it here, or mark it with a line "
                        + NOT_IPC_MARKER + " why -->' before the fence");
                return problems;
            }
            problems.addAll(bindingProblems(where, sources, root));
            return problems;
        }

        /** Keys written in the snippet that Boot's YAML loader leaves out, such as {@code key: {}}. */
        private List<String> dropped(String where, List<PropertySource<?>> sources) {
            Set<String> loaded = new LinkedHashSet<>();
            for (PropertySource<?> source : sources) {
                loaded.addAll(List.of(((EnumerablePropertySource<?>) source).getPropertyNames()));
            }
            List<String> problems = new ArrayList<>();
            Map<String, Boolean> written = new LinkedHashMap<>();
            flatten("", root(), written);
            written.forEach((name, emptyMap) -> {
                if (!loaded.contains(name)) {
                    String key = name.substring(name.lastIndexOf('.') + 1);
                    problems.add(where + ": " + name + " is dropped by Spring Boot's YAML loader"
                            + (emptyMap ? " (an empty {} loads as nothing): write '" + key + ":'" : ""));
                }
            });
            return problems;
        }

        private List<String> bindingProblems(String where, List<PropertySource<?>> sources,
                Map<String, Object> root) {
            IpcProperties properties;
            try {
                properties = new Binder(ConfigurationPropertySources.from(sources))
                    .bind("ipc", Bindable.of(IpcProperties.class),
                            new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
                    .orElseGet(IpcProperties::new);
                ConflictingProperties.check(properties);
                MessagingDeclarations.check(properties, getClass().getClassLoader());
                IpcResourceRegistrar.declarations(properties, "app");
            }
            catch (RuntimeException ex) {
                Throwable cause = ex;
                StringBuilder message = new StringBuilder();
                while (cause != null) {
                    message.append(" ").append(cause.getMessage());
                    cause = cause.getCause();
                }
                return List.of(where + ": does not bind to ipc.* as written:" + message);
            }
            List<String> problems = new ArrayList<>();
            Map<?, ?> ipc = (root.get("ipc") instanceof Map<?, ?> map) ? map : Map.of();
            for (IpcResourceKind<?> kind : IpcResourceKind.ALL) {
                if (ipc.get(kind.property()) instanceof Map<?, ?> written) {
                    Set<String> bound = kind.entries(properties).keySet();
                    for (Object key : written.keySet()) {
                        if (!bound.contains(String.valueOf(key))) {
                            problems.add(where + ": ipc." + kind.property() + "." + key + " is written but not "
                                    + "declared after binding");
                        }
                    }
                }
            }
            return problems;
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> root() {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Object document : new Yaml().loadAll(this.yaml)) {
                if (document instanceof Map<?, ?> map) {
                    merged.putAll((Map<String, Object>) map);
                }
            }
            return merged;
        }

        /** Every leaf name as Boot writes it, with whether the leaf is an empty mapping. */
        private static void flatten(String prefix, Object value, Map<String, Boolean> names) {
            if (value instanceof Map<?, ?> map) {
                if (map.isEmpty() && !prefix.isEmpty()) {
                    names.put(prefix, true);
                }
                map.forEach((key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key,
                        child, names));
            }
            else if (value instanceof List<?> list && !list.isEmpty()) {
                for (int i = 0; i < list.size(); i++) {
                    flatten(prefix + "[" + i + "]", list.get(i), names);
                }
            }
            else {
                names.put(prefix, false);
            }
        }
    }
}
