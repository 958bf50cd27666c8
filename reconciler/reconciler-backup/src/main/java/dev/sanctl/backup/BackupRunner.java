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
import java.time.Duration;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Runs backup jobs like the original iet_luncopy (spec providers.md, backup): on the node holding
 * the source, suspend the ddmap, snapshot the LV, take and zap the map, resume; grow the archive
 * volume with the source (rebuilding its checksum file); copy only the mapped segments (all of them
 * when the map state is DIRTY or UNKNOWN, or there is no map), writing only changed ones; keep the
 * checksum file per snapshot; take the timestamped archive snapshot; remove the LVM snapshot. A
 * failure leaves the map state DIRTY so that the next run reads everything.
 *
 * <p>When the volume's ddmap entry is absent (its target is not running), nothing is suspended or
 * zapped: a CLEAN state means the stored dumps hold every write since the last backup, so only
 * their segments are read; after the backup the state is CLEAN again (ACTIVE with a live map).
 *
 * <p>Data moves through the {@link Host}s with {@code dd} (the local transport). Jobs run
 * concurrently up to a limit, one job per source volume at a time: within a process jobs of the
 * same volume wait for each other, across processes the {@link VolumeLock} on the node holding the
 * volume refuses a second run (after waiting up to {@link #lockWait}).
 */
public final class BackupRunner {
  private final DesiredState desired;
  private final Hosts hosts;
  private final Clock clock;
  private final Map<String, ReentrantLock> volumeLocks = new ConcurrentHashMap<>();
  private final String streamingSanctl;
  private Duration lockWait = Duration.ZERO;
  private LongSupplier nanoTime = System::nanoTime;
  private static final ScheduledExecutorService RENEWALS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "backup-lock-renewal");
            t.setDaemon(true);
            return t;
          });

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
    if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1");
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<JobResult>> futures = new ArrayList<>();
      for (Backups.Job j : jobs) futures.add(pool.submit(() -> run(j)));
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
    String node;
    try {
      node = vg == null ? null : SourceVolume.holder(vg, job.source(), hosts);
    } catch (IOException e) {
      node = null;
    }
    if (node == null) return runUnlocked(job); // fails finding the volume, reports why
    VolumeLock volumeLock;
    try {
      volumeLock =
          new VolumeLock(hosts.host(node), MapStateStore.directory(vg, job.source().lv()), clock);
      Optional<String> holder = acquire(volumeLock);
      if (holder.isPresent()) {
        return JobResult.refused(
            job.source().toString(),
            job.archiveVolume(),
            "another run holds the lock "
                + node
                + ":"
                + volumeLock.path()
                + " ("
                + holder.get()
                + ")");
      }
    } catch (IOException | RuntimeException e) {
      return new JobResult(
          job.source().toString(),
          job.source().toString(),
          job.archiveVolume(),
          null,
          "NONE",
          "NONE",
          0,
          0,
          0,
          0,
          0,
          false,
          0,
          "cannot take the volume's lock: " + e.getMessage());
    }
    ScheduledFuture<?> renewal =
        RENEWALS.scheduleAtFixedRate(
            () -> {
              try {
                volumeLock.renew();
              } catch (IOException | RuntimeException e) {
                // the next renewal tries again; a lock not renewed for the lease is taken over
              }
            },
            VolumeLock.RENEW_EVERY.toMillis(),
            VolumeLock.RENEW_EVERY.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      return runUnlocked(job);
    } finally {
      renewal.cancel(false);
      try {
        volumeLock.release();
      } catch (IOException | RuntimeException e) {
        // left behind: stale once not renewed for the lease, or at once for this machine
      }
    }
  }

  /** Tries to take the lock until {@link #lockWait} has passed; empty when taken. */
  private Optional<String> acquire(VolumeLock lock) throws IOException {
    long deadline = System.nanoTime() + lockWait.toNanos();
    while (true) {
      Optional<String> holder = lock.tryAcquire();
      long left = deadline - System.nanoTime();
      if (holder.isEmpty() || left <= 0) return holder;
      try {
        Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 2000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return holder;
      }
    }
  }

  private JobResult runUnlocked(Backups.Job job) {
    long started = nanoTime.getAsLong();
    Progress p = new Progress(job);
    try {
      return execute(job, p, started);
    } catch (IOException | RuntimeException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      if (p.store != null) {
        try {
          if (p.stateBefore != null) {
            p.store.set(p.stateBefore, MapState.DIRTY, "backup failed: " + msg, clock.instant());
          }
          p.finalState = MapState.DIRTY.name();
        } catch (IOException ignored) {
          p.finalState = "unknown (" + ignored.getMessage() + ")";
        }
      }
      if (p.thin != null) {
        p.thin.failed(msg);
        p.mapState = p.thin.stateBefore();
        p.finalState = p.thin.finalState();
      }
      return new JobResult(
          job.source().toString(),
          job.source().toString(),
          job.archiveVolume(),
          null,
          p.mapState,
          p.finalState,
          p.sourceBytes,
          0,
          0,
          0,
          0,
          false,
          seconds(started),
          msg);
    } finally {
      p.cleanup();
    }
  }

  /** What a job has done so far (for cleanup and failure reports). */
  private final class Progress {
    final Backups.Job job;
    MapStateStore store;
    MapState stateBefore;
    String mapState = "NONE";
    String finalState = "NONE";
    long sourceBytes;
    Host sourceHost;
    VolumeGroup vg;
    boolean snapshotTaken;
    String suspendedEntry;

    /** The change-map source of a {@code changeMap: thin} job (it owns its snapshots). */
    ChangeMapSource thin;

    Progress(Backups.Job job) {
      this.job = job;
    }

    void cleanup() {
      try {
        if (suspendedEntry != null)
          new HostFiles(sourceHost).writeProc(suspendedEntry, "mapresume");
      } catch (IOException ignored) {
        // reported through the map state: the job already failed
      }
      try {
        if (snapshotTaken && thin == null) {
          SourceVolume.removeSnapshot(sourceHost, vg, job.source());
        }
      } catch (IOException ignored) {
        // a leftover snapshot is visible in lvs and removed by the next run's lvcreate failure
      }
      if (thin != null) thin.cleanup();
    }
  }

  private JobResult execute(Backups.Job job, Progress p, long started) throws IOException {
    VolumeRef ref = job.source();
    VolumeGroup vg = desired.volumeGroups().get(ref.vg());
    if (vg == null) throw new IOException("volume group " + ref.vg() + " is not configured");
    p.vg = vg;
    String node = SourceVolume.holder(vg, ref, hosts);
    Host src = hosts.host(node);
    p.sourceHost = src;
    HostFiles srcFiles = new HostFiles(src);
    HostDevices srcDev = new HostDevices(src);

    Optional<String> entry = SourceVolume.ddmapEntry(desired, ref);
    String proc = entry.map(e -> "/proc/net/iet/ddmap/" + e).orElse(null);
    if (job.changeMap() != Backups.ChangeMap.DDMAP) proc = null; // no ddmap: thin or none
    if (job.changeMap() == Backups.ChangeMap.THIN) p.thin = ThinSource.of(vg, ref, src, clock);
    byte[] mapBytes = null;
    boolean live = false;
    if (proc != null) {
      p.store = new MapStateStore(srcFiles, MapStateStore.directory(vg, ref.lv()));
      p.stateBefore = p.store.state();
      p.mapState = p.stateBefore.name();
      live = srcFiles.writeProcIfPresent(proc, "mapsuspend");
      if (live) {
        p.suspendedEntry = proc;
        mapBytes = srcFiles.read(proc).orElse(null);
      }
    }
    long originBytes = srcDev.size(SourceVolume.device(vg, ref.lv()));
    DdMap liveMap = null;
    if (mapBytes != null && !p.stateBefore.requiresFullRead()) {
      liveMap = trustedMap(mapBytes, proc, entry.orElseThrow(), originBytes);
    }
    String snapDev =
        p.thin != null
            ? p.thin.snapshot(originBytes)
            : SourceVolume.snapshot(src, vg, ref, originBytes);
    p.snapshotTaken = true;
    if (p.store != null) {
      p.store.set(
          p.stateBefore,
          MapState.DIRTY,
          live ? "backup started, map zapped" : "backup started, target not running",
          clock.instant());
    }
    if (live) {
      srcFiles.writeProc(proc, "mapzap");
      srcFiles.writeProc(proc, "mapresume");
      p.suspendedEntry = null;
    }
    long size = srcDev.size(snapDev);
    p.sourceBytes = size;

    BitSet selected = null;
    List<String> dumps = List.of();
    if (p.store != null && !p.stateBefore.requiresFullRead()) {
      dumps = p.store.dumps();
      DdMap map = liveMap;
      if (map == null && !live && p.stateBefore == MapState.CLEAN) map = mapOf(new BitSet(), size);
      if (map != null) {
        for (String d : dumps) map = orInto(map, p.store.readDump(d));
        selected = select(map, size);
      }
    }

    Pool pool = desired.pools().get(job.pool());
    Pool.VolumeDefaults defaults = pool == null ? null : pool.volumeDefaults();
    if (p.thin != null) {
      selected = p.thin.select(size);
      p.mapState = p.thin.stateBefore();
    }
    Host arc = hosts.host(job.archive());
    ArchiveSide archive =
        new ArchiveSide(
            arc, desired.nodes().get(job.archive()).os(), desired.cluster().propertyNamespace());
    HostFiles arcFiles = new HostFiles(arc);
    HostDevices arcDev = new HostDevices(arc);
    ChecksumPaths paths = new ChecksumPaths(archive.checksumDir(job.pool()), job.volume());
    String volume = job.archiveVolume();
    String arcDevice = archive.device(volume);

    Optional<Long> volsize = archive.volsize(volume);
    boolean grown = false;
    long[] stored = null;
    boolean usableChecksums = false;
    if (volsize.isEmpty()) {
      archive.create(volume, size, defaults);
    } else if (volsize.get() < size) {
      archive.grow(volume, size);
      grown = true;
      stored = RangeCopy.checksums(arcDev, arcDevice, size);
      usableChecksums = true;
    } else if (streamingSanctl == null) {
      Optional<byte[]> sums = arcFiles.read(paths.current());
      if (sums.isPresent() && sums.get().length == ChecksumFile.expectedSize(size)) {
        stored = entries(sums.get());
        usableChecksums = true;
      }
    } else { // the receiver reads the checksum file itself; only whether it fits matters here
      usableChecksums =
          arcFiles
              .size(paths.current())
              .filter(n -> n == ChecksumFile.expectedSize(size))
              .isPresent();
    }
    if (!usableChecksums) selected = null;
    if (selected != null && grown) {
      selected.set((int) (volsize.get() / Segments.SEGMENT_SIZE), (int) Segments.count(size));
    }
    long segmentsRead;
    long segmentsChanged;
    long bytesWritten;
    long[] checksums = null;
    if (streamingSanctl == null) {
      RangeCopy.Result copy =
          RangeCopy.copy(
              srcDev,
              snapDev,
              arcDev,
              arcDevice,
              size,
              selected,
              stored,
              Math.max(1, job.workers()));
      arcFiles.replace(paths.current(), ChecksumFile.toBytes(copy.checksums()));
      checksums = copy.checksums();
      segmentsRead = copy.segmentsRead();
      segmentsChanged = copy.segmentsChanged();
      bytesWritten = copy.bytesWritten();
    } else {
      if (grown) arcFiles.replace(paths.current(), ChecksumFile.toBytes(stored));
      String mapFile = null;
      if (selected != null) {
        mapFile = (p.thin != null ? p.thin.workDir() : p.store.dir()) + "/backup.ddmap";
        srcFiles.replace(mapFile, mapOf(selected, size).toBytes());
      }
      StreamCopy.Result copy =
          StreamCopy.copy(
              streamingSanctl,
              src,
              snapDev,
              mapFile,
              Math.max(1, job.workers()),
              arc,
              arcDevice,
              paths.current());
      segmentsRead = copy.segmentsRead();
      segmentsChanged = copy.segmentsChanged();
      bytesWritten = copy.bytesWritten();
    }
    if (streamingSanctl == null) { // the streaming receiver appends its own statistics line
      double seconds = seconds(started);
      CopyResult stats =
          CopyResult.of(size, segmentsRead, segmentsChanged, bytesWritten, stored == null, seconds);
      arcFiles.append(
          paths.stats(), stats.statsLine(LocalDateTime.now(clock.withZone(ZoneOffset.UTC))));
    }

    if (job.integrity()) {
      String a = RangeCopy.sha256(srcDev, snapDev, size);
      String b = RangeCopy.sha256(arcDev, arcDevice, size);
      if (!a.equals(b)) {
        throw new IOException(
            "integrity check failed: source snapshot sha256 " + a + ", archive " + b);
      }
    }

    Instant now = clock.instant();
    String snapName = snapshot(archive, volume, now, defaults);
    if (checksums != null) {
      arcFiles.replace(paths.ofSnapshot(snapName), ChecksumFile.toBytes(checksums));
    } else {
      HostFiles.check(
          "cp " + paths.current(),
          arc.run(
              dev.sanctl.spi.host.Command.change(
                  "cp", paths.current(), paths.ofSnapshot(snapName))));
    }

    if (p.thin != null) {
      p.thin.succeeded(volume + "@" + snapName);
      p.finalState = p.thin.finalState();
    }

    if (p.store != null) {
      for (String d : dumps) p.store.removeDump(d);
      MapState after = live ? MapState.ACTIVE : MapState.CLEAN;
      p.store.set(
          MapState.DIRTY, after, "backup completed " + volume + "@" + snapName, clock.instant());
      p.finalState = after.name();
    }
    long bytesRead = Math.min(size, segmentsRead * (long) Segments.SEGMENT_SIZE);
    return new JobResult(
        ref.toString(),
        ref.toString(),
        volume,
        snapName,
        p.mapState,
        p.finalState,
        size,
        segmentsRead,
        segmentsChanged,
        bytesRead,
        bytesWritten,
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

  /**
   * The live map of {@code entryName}, checked as {@code ddless -m} checks a map before trusting
   * it: its {@code name_sum} must be the entry's (else it is the map of another LUN) and it must
   * not cover more than the source ({@link DdMap#checkFits}); a shorter map is fine, the segments
   * beyond it are read ({@link #select}). A refused map fails the job before anything is zapped or
   * copied; the map state becomes DIRTY, so the next run reads everything.
   */
  static DdMap trustedMap(byte[] bytes, String proc, String entryName, long sourceBytes)
      throws IOException {
    DdMap map = DdMap.parse(bytes, proc);
    map.checkName(entryName, proc);
    map.checkFits(sourceBytes, proc);
    return map;
  }

  /** Segments to read: those marked, and every segment beyond the map (a grown source). */
  static BitSet select(DdMap map, long size) {
    long segments = Segments.count(size);
    long covered = Math.min(segments, (long) map.mapSize() * DdMap.SEGMENTS_PER_WORD);
    BitSet s = new BitSet();
    for (long i = 0; i < covered; i++) if (map.marked(i)) s.set((int) i);
    if (covered < segments) s.set((int) covered, (int) segments);
    return s;
  }

  /** A ddmap file for {@code ddless send -m}: the selection, covering the whole source. */
  static DdMap mapOf(BitSet selected, long size) {
    int[] words = new int[Math.toIntExact(DdMap.wordsFor(size))];
    for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
      words[i / DdMap.SEGMENTS_PER_WORD] |= 1 << (i % DdMap.SEGMENTS_PER_WORD);
    }
    return new DdMap(1, false, 0, words);
  }

  private static DdMap orInto(DdMap current, DdMap dump) {
    int[] words = current.words().clone();
    int[] other = dump.words();
    for (int i = 0; i < Math.min(words.length, other.length); i++) words[i] |= other[i];
    return new DdMap(current.version(), current.suspended(), current.nameSum(), words);
  }

  static long[] entries(byte[] bytes) {
    long[] e = new long[bytes.length / Segments.CHECKSUM_BYTES];
    java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(e);
    return e;
  }

  private double seconds(long started) {
    return (nanoTime.getAsLong() - started) / 1e9;
  }
}
