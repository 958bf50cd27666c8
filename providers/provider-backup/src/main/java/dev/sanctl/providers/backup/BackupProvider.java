package dev.sanctl.providers.backup;

import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.LiveObject;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.ResourceAddress;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code backup} provider: the archive side of the backup jobs as desired state (spec
 * providers.md, backup). Per archive host: the {@code <pool>/ddless} filesystem of the checksum
 * files (with a mount point of its own where the pool has none), and per job the archive volume
 * with the pool's volume defaults and the schedule property, at least as large as the source volume
 * declared in the volume group. One {@code zfs get} per node observes the datasets, one {@code zfs
 * list} the snapshots of the archive volumes and one {@code find} per checksum directory its files.
 *
 * <p>Checksum files are written by {@code sanctl backup run} (and orphans removed by {@code
 * verify}), never planned: a plan that wrote them would race the runs. A missing one is reported as
 * a warning finding: an archive volume with snapshots but no current checksum file (the next run
 * reads and writes everything), and snapshots without their checksum file (verify cannot check
 * them).
 */
public final class BackupProvider implements Provider {
  public static final String ID = "backup";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> executables() {
    return Set.of("zfs", "find");
  }

  /** Pool filesystems and volumes come first. */
  @Override
  public Set<String> dependsOn() {
    return Set.of(ResourceAddress.zfsProvider());
  }

  @Override
  public boolean servesNode(DesiredState desired, NodeSpec node) {
    return jobs(desired).stream().anyMatch(j -> j.archive().equals(node.name()));
  }

  static List<Backups.Job> jobs(DesiredState desired) {
    return desired.backups() == null ? List.of() : desired.backups().jobs();
  }

  @Override
  public Observation observe(ObserveContext context) throws IOException {
    return ArchiveObserver.observe(context);
  }

  /** Its checksums and volume changes touch the ZFS dataset they name. */
  @Override
  public Optional<LiveObject> liveObject(Change change) {
    return switch (change.kind()) {
      case "checksums", "volume" -> Optional.of(LiveObject.zfsDataset(change.name()));
      default -> Optional.empty();
    };
  }

  @Override
  public PlanResult plan(PlanContext context) {
    return ArchivePlanner.plan(context);
  }
}
