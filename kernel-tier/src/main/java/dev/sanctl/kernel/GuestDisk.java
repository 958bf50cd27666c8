package dev.sanctl.kernel;

import java.nio.file.Path;

/**
 * A virtio disk of a guest, backed by a sparse raw image on the host (created with {@code
 * sizeBytes} when missing, never truncated when present, so a rebooted guest finds its data).
 * {@code shared} images are attached with {@code cache=none,file.locking=off}, so two guests can
 * attach the same image (HA pairs, split brain).
 */
public record GuestDisk(Path image, long sizeBytes, boolean shared) {
  public GuestDisk {
    if (sizeBytes <= 0 || sizeBytes % 512 != 0) {
      throw new IllegalArgumentException("disk size must be a positive multiple of 512");
    }
    image = image.toAbsolutePath().normalize();
  }

  /** A disk of one guest. */
  public static GuestDisk of(Path image, long sizeBytes) {
    return new GuestDisk(image, sizeBytes, false);
  }

  /** A disk two guests may attach at the same time. */
  public static GuestDisk sharedImage(Path image, long sizeBytes) {
    return new GuestDisk(image, sizeBytes, true);
  }
}
