package dev.sanctl.providers.cron;

import dev.sanctl.spi.provider.Observation;

/**
 * Root's crontab on one node as {@code crontab -l} shows it (Debian's own header lines removed).
 *
 * @param content the crontab text, empty when there is none
 * @param present whether the node has a crontab at all
 */
public record CrontabObservation(String content, boolean present) implements Observation {}
