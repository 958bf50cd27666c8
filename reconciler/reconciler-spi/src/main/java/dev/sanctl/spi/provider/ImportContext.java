package dev.sanctl.spi.provider;

/**
 * Input of {@link Importer#importLive}.
 *
 * @param plan the observation of every node the provider serves and the draft desired state
 * @param secretsDir the first secrets directory of the machine running sanctl (no trailing slash):
 *     where imported {@code secretFile}s are placed; the admin creates those files, import never
 *     writes a secret
 */
public record ImportContext(PlanContext plan, String secretsDir) {}
