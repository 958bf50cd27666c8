package dev.sanctl.core.validate;

import tools.jackson.databind.JsonNode;

/** Navigation inside the schema document. */
final class SchemaNodes {
  private SchemaNodes() {}

  /** Follows a local {@code $ref} ("#/$defs/x") of a schema node; other nodes are returned. */
  static JsonNode resolve(JsonNode schema, JsonNode node) {
    JsonNode ref = node.path("$ref");
    if (!ref.isString() || !ref.stringValue().startsWith("#/")) return node;
    JsonNode n = schema;
    for (String part : ref.stringValue().substring(2).split("/")) n = n.path(part);
    return n;
  }
}
