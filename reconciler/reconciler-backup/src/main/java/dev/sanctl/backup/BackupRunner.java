package dev.sanctl.backup;

import dev.sanctl.ddless.ChecksumFile;
import dev.sanctl.ddless.CopyResult;
import dev.sanctl.ddless.DdMap;
import dev.sanctl.ddless.Segments;
import dev.sanctl.snaprotate.SnapshotCreator;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.SnapshotSchedule;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs backup jobs like the original iet_luncopy (spec providers.md, backup): on the node holding
 * the source, snapshot the LV together with its change map (the job's {@link ChangeMapSource}:
 * IET ddmap suspend/snapshot/zap/resume, thin_delta between thin snapshots, or none); grow the
 * archive volume with the source (rebuilding its checksum file); copy only the changed segments
 * (all of them when the map state is DIRTY or UNKNOWN, or there is no map), writing only changed
 * ones;
 * keep the checksum file per snapshot; take the timestamped archive snapshot; remove the LVM
 * snapshot. A failure leaves the map state DIRTY so that the next run reads everything.
 *
 * <p>Data moves through the {@link Host}s with {@code dd} (the local transport). Jobs run
 * concurrently up to a limit, one job per source volume at a time.
 */
public final class BackupRunner {
  private final DesiredState desired;
  private final Hosts hosts;
  private final Clock clock;
  private final Map<String, ReentrantLock> volumeLocks = new ConcurrentHashMap<>();
  private final String streamingSanctl;

  /** A runner with the local transport (ranged {@code dd} through the hosts). */
  public BackupRunner(DesiredState desired, Hosts hosts, Clock clock) {
    this(desired, hosts, clock, null);
  }

  /**
   * A runner that moves data with the streaming transport ({@code <sanctl> ddless send} on the
   * source node, {@code receive} on the archive node) when {@code streamingSanctl} is not null.
   */
  public BackupRunner(DesiredState desired, Hosts hosts, Clock clock, String streamingSanctl) {
    this.desired = desired;
    this.hosts = hosts;
    this.clock = clock;
    this.streamingSanctl = streamingSanctl;
  }

  /** The job named by its source {@code vg/lv} or its LV name. */
  public static Optional<Backups.Job> find(DesiredState desired, String name) {
    for (Backups.Job j : jobs(desired)) {
      if (j.source().toString().equals(name) || j.source().lv().equals(name)) {
        return Optional.of(j);
      }
    }
    return Optional.empty();
  }

  public static List<Backups.Job> jobs(DesiredState desired) {
    return desired.backups() == null ? List.of() : desired.backups().jobs();
  }

  /** Runs the jobs, at most {@code parallel} at a time; results in the order of {@code jobs}. */
  public List<JobResult> run(List<Backups.Job> jobs, int parallel) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
    try {
      List<Future<JobResult>> futures = new ArrayList<>();
      for (Backups.Job j : jobs) futures.add(pool.submit(() -> runLocked(j)));
      List<JobResult> results = new ArrayList<>();
      for (Future<JobResult> f : futures) {
        try {
          results.add(f.get());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  private JobResult runLocked(Backups.Job job) {
    ReentrantLock lock = volumeLocks.computeIfAbsent(job.source().toString(), k -> new ReentrantLock());
    lock.lock();
    try {
      return run(job);
    } finally {
      lock.unlock();
    }
  }

  /** Runs one job; never throws: a failure is reported in the result. */
  public JobResult run(Backups.Job job) {
    long started = System.nanoTime();
    Progress p = new Progress();
    try {
      return execute(job, p, started);
    } catch (IOException | RuntimeException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      String mapState = "NONE";
      String finalState = "NONE";
      if (p.source != null) {
        p.source.failed(msg);
        mapState = p.source.stateBefore();
        finalState = p.source.finalState();
      }
      return new JobResult(job.source().toString(), job.source().toString(),
          job.archiveVolume(), null, mapState, finalState, p.sourceBytes, 0, 0, 0, 0, false,
          seconds(started), msg);
    } finally {
      if (p.source != null) p.source.cleanup();
    }
  }

  /** What a job has done so far (for cleanup and failure reports). */
  private static final class Progress {
    ChangeMapSource source;
    long sourceBytes;
  }

  private JobResult execute(Backups.Job job, Progress p, long started) throws IOException {
    VolumeRef ref = job.source();
    VolumeGroup vg = desired.volumeGroups().get(ref.vg());
    if (vg == null) throw new IOException("volume group " + ref.vg() + " is not configured");
    String node = SourceVolume.holder(vg, ref, hosts);
    Host src = hosts.host(node);
    HostFiles srcFiles = new HostFiles(src);
    HostDevices srcDev = new HostDevices(src);

    ChangeMapSource source = ChangeMapSource.of(desired, job, vg, src, clock);
    p.source = source;
    long originBytes = srcDev.size(SourceVolume.device(vg, ref.lv()));
    String snapDev = source.snapshot(originBytes);
    long size = srcDev.size(snapDev);
    p.sourceBytes = size;
    BitSet selected = source.select(size);

    Pool pool = desired.pools().get(job.pool());
    Pool.VolumeDefaults defaults = pool == null ? null : pool.volumeDefaults();
    Host arc = hosts.host(job.archive());
    ArchiveSide archive = new ArchiveSide(arc, desired.nodes().get(job.archive()).os(),
        desired.cluster().propertyNamespace());
    HostFiles arcFiles = new HostFiles(arc);
    HostDevices arcDev = new HostDevices(arc);
    ChecksumPaths paths = new ChecksumPaths(archive.checksumDir(job.pool()), job.volume());
    String volume = job.archiveVolume();
    String arcDevice = archive.device(volume);

    Optional<Long> volsize = archive.volsize(volume);
    boolean grown = false;
    long[] stored = null;
    if (volsize.isEmpty()) {
      archive.create(volume, size, defaults);
    } else if (volsize.get() < size) {
      archive.grow(volume, size);
      grown = true;
      stored = RangeCopy.checksums(arcDev, arcDevice, size);
    } else {
      Optional<byte[]> sums = arcFiles.read(paths.current());
      if (sums.isPresent() && sums.get().length == ChecksumFile.expectedSize(size)) {
        stored = entries(sums.get());
      }
    }
    if (stored == null) selected = null;
    long segmentsRead;
    long segmentsChanged;
    long bytesWritten;
    long[] checksums = null;
    if (streamingSanctl == null) {
      RangeCopy.Result copy = RangeCopy.copy(srcDev, snapDev, arcDev, arcDevice, size, selected,
          stored);
      arcFiles.replace(paths.current(), ChecksumFile.toBytes(copy.checksums()));
      checksums = copy.checksums();
      segmentsRead = copy.segmentsRead();
      segmentsChanged = copy.segmentsChanged();
      bytesWritten = copy.bytesWritten();
    } else {
      if (grown) arcFiles.replace(paths.current(), ChecksumFile.toBytes(stored));
      String mapFile = null;
      if (selected != null) {
        mapFile = source.workDir() + "/backup.ddmap";
        srcFiles.replace(mapFile, mapOf(selected, size).toBytes());
      }
      StreamCopy.Result copy = StreamCopy.copy(streamingSanctl, src, snapDev, mapFile, arc,
          arcDevice, paths.current());
      segmentsRead = copy.segmentsRead();
      segmentsChanged = copy.segmentsChanged();
      bytesWritten = copy.bytesWritten();
    }
    double seconds = seconds(started);
    CopyResult stats = new CopyResult(size, Segments.count(size), segmentsRead,
        segmentsChanged, bytesWritten, stored == null, seconds,
        seconds > 0 ? size / 1048576.0 / seconds : 0);
    arcFiles.append(paths.stats(), stats.statsLine(LocalDateTime.now(clock.withZone(
        ZoneOffset.UTC))));

    if (job.integrity()) {
      String a = RangeCopy.sha256(srcDev, snapDev, size);
      String b = RangeCopy.sha256(arcDev, arcDevice, size);
      if (!a.equals(b)) {
        throw new IOException("integrity check failed: source snapshot sha256 " + a
            + ", archive " + b);
      }
    }

    Instant now = clock.instant();
    String snapName = snapshot(archive, volume, now, defaults);
    if (checksums != null) {
      arcFiles.replace(paths.ofSnapshot(snapName), ChecksumFile.toBytes(checksums));
    } else {
      HostFiles.check("cp " + paths.current(), arc.run(dev.sanctl.spi.host.Command.change("cp",
          paths.current(), paths.ofSnapshot(snapName))));
    }

    source.succeeded(volume + "@" + snapName);
    long bytesRead = Math.min(size, segmentsRead * (long) Segments.SEGMENT_SIZE);
    return new JobResult(ref.toString(), ref.toString(), volume, snapName,
        source.stateBefore(), source.finalState(), size, segmentsRead, segmentsChanged, bytesRead, bytesWritten, grown,
        seconds(started), null);
  }

  private String snapshot(ArchiveSide archive, String volume, Instant now,
      Pool.VolumeDefaults defaults) throws IOException {
    String scheduleName = defaults == null ? null : defaults.snapshotSchedule();
    SnapshotSchedule schedule =
        scheduleName == null ? null : desired.snapshotSchedules().get(scheduleName);
    if (schedule != null && !schedule.rules().isEmpty()) {
      return new SnapshotCreator(archive.host(), desired.cluster().propertyNamespace())
          .create(volume, now, schedule);
    }
    String name = SnapshotCreator.nameFor(now);
    archive.snapshot(volume, name, now);
    return name;
  }

  /** A ddmap file for {@code ddless send -m}: the selection, covering the whole source. */
  static DdMap mapOf(BitSet selected, long size) {
    int[] words = new int[Math.toIntExact(DdMap.wordsFor(size))];
    for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
      words[i / DdMap.SEGMENTS_PER_WORD] |= 1 << (i % DdMap.SEGMENTS_PER_WORD);
    }
    return new DdMap(1, false, 0, words);
  }

  static long[] entries(byte[] bytes) {
    long[] e = new long[bytes.length / Segments.CHECKSUM_BYTES];
    java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(e);
    return e;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }
}
