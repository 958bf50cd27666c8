package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sanctl.core.validate.SchemaValidator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConfigFileRuleTest {
  @Test
  void sanctlApiVersionOrASectionMakesAFileConfiguration() {
    assertNull(ConfigFileRule.whyNotConfiguration("# c\napiVersion: sanctl/v1\n"));
    assertNull(ConfigFileRule.whyNotConfiguration("---\napiVersion: 'sanctl/v2' # wrong\n"));
    assertNull(ConfigFileRule.whyNotConfiguration("targets:\n  - name: x\n"));
    assertNull(ConfigFileRule.whyNotConfiguration("\"cluster\": {name: a}\n"));
    assertNull(ConfigFileRule.whyNotConfiguration("snapshotSchedule:\n  a: {}\n"));
  }

  @Test
  void otherYamlIsNotConfiguration() {
    assertEquals(
        "apiVersion 'v1' is not sanctl/v1",
        ConfigFileRule.whyNotConfiguration("apiVersion: v1\nkind: Pod\nnodes: []\n"));
    assertEquals(
        "no apiVersion: sanctl/v1 and no sanctl section",
        ConfigFileRule.whyNotConfiguration("name: ci\non:\n  push:\njobs:\n  nodes: {}\n"));
    assertEquals(
        "no apiVersion: sanctl/v1 and no sanctl section",
        ConfigFileRule.whyNotConfiguration("# only a comment\n"));
  }

  @Test
  void sectionsAreTheSchemaRootProperties() {
    JsonNode schema = SchemaValidator.schemaDocument();
    Set<String> root = new HashSet<>();
    root.addAll(schema.get("properties").propertyNames());
    root.remove("apiVersion");
    assertEquals(root, ConfigFileRule.SECTIONS);
  }
}
