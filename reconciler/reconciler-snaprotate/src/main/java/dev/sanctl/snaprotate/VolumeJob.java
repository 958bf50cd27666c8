package dev.sanctl.snaprotate;

import dev.sanctl.spi.model.SnapshotSchedule;

/** One volume to rotate with its schedule. */
public record VolumeJob(String volume, SnapshotSchedule schedule) {}
