package dev.sanctl.spi.model;

/** One line of the managed crontab block of a node; {@code comment} may be null. */
public record CronEntry(String schedule, String command, String comment, SourceRef source) {}
