package dev.sanctl.core.config;

/**
 * The text of one config file.
 *
 * @param path relative to the config directory, '/' separated
 */
public record SourceFile(String path, String text) {}
