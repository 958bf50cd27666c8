package dev.sanctl.spi.model;

/** The {@code cluster} section. */
public record Cluster(String name, String iqnPrefix, String propertyNamespace, SourceRef source) {}
