package dev.sanctl.core.config;

import tools.jackson.databind.node.ObjectNode;

/**
 * One YAML file of the config directory as a JSON tree with the positions of its values.
 *
 * @param file path relative to the config directory, with '/' separators
 */
public record ParsedFile(String file, ObjectNode root, Positions positions) {}
