package dev.sanctl.backup;

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
import java.time.Duration;
import java.time.Instant;
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
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Runs backup jobs like the original iet_luncopy (spec providers.md, backup): on the node holding
 * the source, the job's {@link ChangeMapSource} takes the source snapshot and says which segments
 * changed ({@link DdMapSource}, {@link ThinSource}, {@link FullReadSource}); the archive volume is
 * created, or grown with the source (rebuilding its checksums); a {@link CopyTransport} copies the
 * selected segments (all of them when the archive's checksum file does not fit), writing only
 * changed ones ({@link DdTransport}: ranged {@code dd} through the {@link Host}s; {@link
 * StreamTransport}: {@code ddless send}/{@code receive}); the timestamped archive snapshot is taken
 * with its checksum file; the change map is told whether the backup succeeded, and cleans up.
 *
 * <p>Jobs run concurrently up to a limit, one job per source volume at a time: within a process
 * jobs of the same volume wait for each other, across processes the {@link VolumeLock} on the node
 * holding the volume refuses a second run (after waiting up to {@link #lockWait}; {@link
 * LockedRun}).
 */
public final class BackupRunner {
  private final DesiredState desired;
  private final Hosts hosts;
  private final Clock clock;
  private final Map<String, ReentrantLock> volumeLocks = new ConcurrentHashMap<>();
  private final String streamingSanctl;
  private Duration lockWait = Duration.ZERO;
  private LongSupplier nanoTime = System::nanoTime;

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

  /**
   * The job named by its source {@code vg/lv} or its LV name; empty when there is none.
   *
   * @throws IllegalArgumentException when an LV name names jobs in more than one volume group
   */
  public static Optional<Backups.Job> find(DesiredState desired, String name) {
    List<Backups.Job> byLv = new ArrayList<>();
    for (Backups.Job j : jobs(desired)) {
      if (j.source().toString().equals(name)) return Optional.of(j);
      if (j.source().lv().equals(name)) byLv.add(j);
    }
    if (byLv.size() > 1) {
      throw new IllegalArgumentException(
          "job name '"
              + name
              + "' is ambiguous: "
              + String.join(", ", byLv.stream().map(j -> j.source().toString()).sorted().toList())
              + "; name the job by its vg/lv");
    }
    return byLv.stream().findFirst();
  }

  public static List<Backups.Job> jobs(DesiredState desired) {
    return desired.backups() == null ? List.of() : desired.backups().jobs();
  }

  /**
   * How long a job waits for the lock of its volume held by another run before it is refused
   * (default zero: refused at once).
   */
  public BackupRunner lockWait(Duration wait) {
    this.lockWait = wait;
    return this;
  }

  /** The time source of job durations (default {@link System#nanoTime}; tests fix it). */
  public BackupRunner durations(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    return this;
  }

  /** Runs the jobs, at most {@code parallel} at a time; results in the order of {@code jobs}. */
  public List<JobResult> run(List<Backups.Job> jobs, int parallel) {
    return run(jobs, parallel, (job, result) -> {});
  }

  /**
   * As {@link #run(List, int)}, telling {@code finished} about each job as soon as it ends (from
   * the worker thread, one call at a time): what progress output is made of.
   */
  public List<JobResult> run(
      List<Backups.Job> jobs, int parallel, BiConsumer<Backups.Job, JobResult> finished) {
    if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1");
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<JobResult>> futures = new ArrayList<>();
      for (Backups.Job j : jobs) {
        futures.add(
            pool.submit(
                () -> {
                  JobResult r = run(j);
                  synchronized (finished) {
                    finished.accept(j, r);
                  }
                  return r;
                }));
      }
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

  /**
   * Runs one job holding its volume's locks; never throws: a failure is reported in the result, a
   * lock held by another run as a refused result.
   */
  public JobResult run(Backups.Job job) {
    ReentrantLock lock =
        volumeLocks.computeIfAbsent(job.source().toString(), k -> new ReentrantLock());
    lock.lock();
    try {
      return runHoldingTheVolumeLock(job);
    } finally {
      lock.unlock();
    }
  }

  private JobResult runHoldingTheVolumeLock(Backups.Job job) {
    VolumeGroup vg = desired.volumeGroups().get(job.source().vg());
    String node = vg == null ? null : holderOrNull(vg, job);
    if (node == null) return runUnlocked(job); // fails finding the volume, reports why
    return LockedRun.run(
        job,
        node,
        () ->
            new VolumeLock(hosts.host(node), MapStateStore.directory(vg, job.source().lv()), clock),
        lockWait,
        () -> runUnlocked(job));
  }

  private String holderOrNull(VolumeGroup vg, Backups.Job job) {
    try {
      return SourceVolume.holder(vg, job.source(), hosts);
    } catch (IOException e) {
      return null;
    }
  }

  private JobResult runUnlocked(Backups.Job job) {
    long started = nanoTime.getAsLong();
    Attempt attempt = new Attempt();
    try {
      return execute(job, started, attempt);
    } catch (IOException | RuntimeException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      ChangeMapSource map = attempt.map;
      if (map != null) map.failed(msg);
      return new JobResult(
          job.source().toString(),
          job.source().toString(),
          job.archiveVolume(),
          null,
          map == null ? "NONE" : map.stateBefore(),
          map == null ? "NONE" : map.finalState(),
          attempt.sourceBytes,
          0,
          0,
          0,
          0,
          false,
          seconds(started),
          msg);
    } finally {
      if (attempt.map != null) attempt.map.cleanup();
    }
  }

  /** What a job has set up so far, for its failure report and cleanup. */
  private static final class Attempt {
    ChangeMapSource map;
    long sourceBytes;
  }

  /**
   * One job: the change map's snapshot and selection, the archive volume created or grown, the copy
   * through the transport, the integrity check, the archive snapshot with its checksum file.
   *
   * @param attempt receives the job's change map and the size of its source snapshot
   */
  private JobResult execute(Backups.Job job, long started, Attempt attempt) throws IOException {
    VolumeRef ref = job.source();
    VolumeGroup vg = desired.volumeGroups().get(ref.vg());
    if (vg == null) throw new IOException("volume group " + ref.vg() + " is not configured");
    Host src = hosts.host(SourceVolume.holder(vg, ref, hosts));
    HostDevices srcDev = new HostDevices(src);
    ChangeMapSource changes = ChangeMapSource.of(desired, job, vg, src, clock);
    attempt.map = changes;
    changes.prepare();
    long originBytes = srcDev.size(SourceVolume.device(vg, ref.lv()));
    String snapDev = changes.snapshot(originBytes);
    long size = srcDev.size(snapDev);
    attempt.sourceBytes = size;
    BitSet selected = changes.select(size);

    Pool pool = desired.pools().get(job.pool());
    Pool.VolumeDefaults defaults = pool == null ? null : pool.volumeDefaults();
    Host arc = hosts.host(job.archive());
    ArchiveSide archive =
        new ArchiveSide(
            arc, desired.nodes().get(job.archive()).os(), desired.cluster().propertyNamespace());
    ChecksumPaths paths = new ChecksumPaths(archive.checksumDir(job.pool()), job.volume());
    String volume = job.archiveVolume();
    String arcDevice = archive.device(volume);
    CopyTransport transport =
        streamingSanctl == null
            ? new DdTransport(clock, () -> seconds(started))
            : new StreamTransport(streamingSanctl);

    Optional<Long> volsize = archive.volsize(volume);
    boolean grown = false;
    CopyTransport.Stored stored = CopyTransport.Stored.NONE;
    if (volsize.isEmpty()) {
      archive.create(volume, size, defaults);
    } else if (volsize.get() < size) {
      archive.grow(volume, size);
      grown = true;
      stored =
          new CopyTransport.Stored(
              RangeCopy.checksums(new HostDevices(arc), arcDevice, size), true);
    } else {
      stored = transport.storedChecksums(new HostFiles(arc), paths, size);
    }
    if (!stored.usable()) selected = null;
    if (selected != null && grown) {
      selected.set((int) (volsize.get() / Segments.SEGMENT_SIZE), (int) Segments.count(size));
    }
    CopyTransport.CopyRequest request =
        new CopyTransport.CopyRequest(
            src,
            snapDev,
            size,
            selected,
            arc,
            arcDevice,
            paths,
            stored.entries(),
            grown,
            Math.max(1, job.workers()),
            changes);
    CopyTransport.Copied copied = transport.copy(request);

    if (job.integrity()) {
      String a = RangeCopy.sha256(srcDev, snapDev, size);
      String b = RangeCopy.sha256(new HostDevices(arc), arcDevice, size);
      if (!a.equals(b)) {
        throw new IOException(
            "integrity check failed: source snapshot sha256 " + a + ", archive " + b);
      }
    }

    String snapName = snapshot(archive, volume, clock.instant(), defaults);
    transport.keepChecksums(request, copied, snapName);
    changes.succeeded(volume + "@" + snapName);
    long bytesRead = Math.min(size, copied.segmentsRead() * (long) Segments.SEGMENT_SIZE);
    return new JobResult(
        ref.toString(),
        ref.toString(),
        volume,
        snapName,
        changes.stateBefore(),
        changes.finalState(),
        size,
        copied.segmentsRead(),
        copied.segmentsChanged(),
        bytesRead,
        copied.bytesWritten(),
        grown,
        seconds(started),
        null);
  }

  private String snapshot(
      ArchiveSide archive, String volume, Instant now, Pool.VolumeDefaults defaults)
      throws IOException {
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

  private double seconds(long started) {
    return (nanoTime.getAsLong() - started) / 1e9;
  }
}
