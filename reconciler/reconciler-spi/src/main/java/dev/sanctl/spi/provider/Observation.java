package dev.sanctl.spi.provider;

/**
 * What a provider saw on one node. Immutable; provider-specific. An observation that also holds
 * volumes implements {@link VolumeFacts.Source} so that target providers can see them.
 */
public interface Observation {}
