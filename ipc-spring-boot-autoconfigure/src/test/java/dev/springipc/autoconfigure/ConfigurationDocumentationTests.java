package dev.springipc.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md documents every property of the generated configuration metadata, and
 * the metadata describes every property.
 */
class ConfigurationDocumentationTests {

    @Test
    @SuppressWarnings("unchecked")
    void everyPropertyOfTheMetadataIsDescribedAndDocumented() throws Exception {
        List<Map<String, Object>> properties;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            properties = JsonPath.parse(in).read("$.properties");
        }
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
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
}
