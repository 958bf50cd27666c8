package dev.sanctl.kernel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's {@code linux-image-amd64} kernel, extracted rather than installed: the version the
 * meta-package depends on ({@code apt-cache depends linux-image-amd64}) is fetched with {@code
 * apt-get download}, unpacked with {@code dpkg-deb -x} into a cache directory and indexed with
 * {@code depmod -b}. Nothing is installed on the host, no initramfs-tools hook runs. The cache
 * ({@code $SANCTL_KERNEL_CACHE}, else {@code ~/.cache/sanctl/kernel}) is shared by every test JVM
 * of the machine under a file lock and reused as long as the meta-package points at the same
 * version.
 */
public final class DebianKernel {
  /** The Debian meta-package whose dependency names the kernel image to use. */
  public static final String META_PACKAGE = "linux-image-amd64";

  private static final String COMPLETE = ".complete";

  private final Path root;
  private final String version;

  DebianKernel(Path root, String version) {
    this.root = root;
    this.version = version;
  }

  /** The kernel of the default cache directory, prepared on first use. */
  public static DebianKernel prepare() throws IOException, InterruptedException {
    return prepare(cacheDir());
  }

  /** {@code $SANCTL_KERNEL_CACHE}, else {@code ~/.cache/sanctl/kernel}. */
  public static Path cacheDir() {
    String env = System.getenv("SANCTL_KERNEL_CACHE");
    if (env != null && !env.isBlank()) return Path.of(env);
    return Path.of(System.getProperty("user.home"), ".cache", "sanctl", "kernel");
  }

  /** The kernel in {@code cache}, downloaded and extracted there when missing. */
  public static DebianKernel prepare(Path cache) throws IOException, InterruptedException {
    Files.createDirectories(cache);
    try (FileChannel lockFile =
            FileChannel.open(
                cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      String pkg = resolvePackage(cache);
      String version = pkg.substring("linux-image-".length());
      Path dir = cache.resolve(pkg);
      if (!Files.exists(dir.resolve(COMPLETE))) extract(pkg, version, cache, dir);
      DebianKernel kernel = new DebianKernel(dir.resolve("root"), version);
      kernel.check();
      return kernel;
    }
  }

  /** The extracted package tree (contains {@code boot/} and {@code lib/modules/}). */
  public Path root() {
    return root;
  }

  /** The kernel release, e.g. {@code 6.1.0-57-amd64} (what {@code uname -r} says in the guest). */
  public String version() {
    return version;
  }

  public Path vmlinuz() {
    return root.resolve("boot").resolve("vmlinuz-" + version);
  }

  /** The directory holding {@code <version>/}, shared into the guest as its module tree. */
  public Path modulesParent() {
    Path usr = root.resolve("usr/lib/modules");
    return Files.isDirectory(usr.resolve(version)) ? usr : root.resolve("lib/modules");
  }

  private void check() {
    if (!Files.isRegularFile(vmlinuz())
        || !Files.isRegularFile(modulesParent().resolve(version + "/modules.dep"))) {
      throw new KernelTierUnavailable(
          "the extracted kernel in "
              + root.getParent()
              + " is incomplete (no "
              + vmlinuz().getFileName()
              + " or modules.dep): delete that directory to have it extracted again");
    }
  }

  /** {@code linux-image-6.1.0-57-amd64}: the image package the meta-package depends on. */
  static String resolvePackage(Path cache) throws IOException, InterruptedException {
    Path aptCache = HostTools.require("apt-cache", "apt");
    HostTools.Run r =
        HostTools.run(
            List.of(aptCache.toString(), "depends", META_PACKAGE), null, Duration.ofMinutes(2));
    Optional<String> pkg = r.status() == 0 ? imagePackageOf(r.stdout()) : Optional.empty();
    if (pkg.isPresent()) return pkg.get();
    Optional<String> cached = onlyCachedPackage(cache);
    if (cached.isPresent()) return cached.get();
    throw new KernelTierUnavailable(
        "cannot tell which kernel to use: `apt-cache depends "
            + META_PACKAGE
            + "` names no linux-image package ("
            + (r.stderr() + r.stdout()).strip()
            + "); run `apt-get update` so apt knows the Debian package "
            + META_PACKAGE);
  }

  /** The {@code Depends: linux-image-...} line of {@code apt-cache depends} output. */
  static Optional<String> imagePackageOf(String aptCacheDepends) {
    return aptCacheDepends
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith("Depends: linux-image-"))
        .map(l -> l.substring("Depends: ".length()).strip())
        .filter(p -> p.matches("linux-image-[0-9][0-9A-Za-z.+~-]*"))
        .findFirst();
  }

  private static Optional<String> onlyCachedPackage(Path cache) throws IOException {
    try (Stream<Path> s = Files.list(cache)) {
      List<String> done =
          s.filter(d -> Files.exists(d.resolve(COMPLETE)))
              .map(d -> d.getFileName().toString())
              .filter(n -> n.startsWith("linux-image-"))
              .sorted()
              .toList();
      return done.size() == 1 ? Optional.of(done.get(0)) : Optional.empty();
    }
  }

  private static void extract(String pkg, String version, Path cache, Path dir)
      throws IOException, InterruptedException {
    Path aptGet = HostTools.require("apt-get", "apt");
    Path dpkgDeb = HostTools.require("dpkg-deb", "dpkg");
    Path depmod = HostTools.require("depmod", "kmod");
    Path tmp = Files.createTempDirectory(cache, pkg + ".partial-");
    try {
      HostTools.run(List.of(aptGet.toString(), "download", pkg), tmp, Duration.ofMinutes(15))
          .orFail(List.of("apt-get", "download", pkg));
      Path deb;
      try (Stream<Path> s = Files.list(tmp)) {
        deb =
            s.filter(p -> p.getFileName().toString().endsWith(".deb"))
                .findFirst()
                .orElseThrow(() -> new IOException("apt-get download " + pkg + " left no .deb"));
      }
      Path root = tmp.resolve("root");
      HostTools.run(
              List.of(dpkgDeb.toString(), "-x", deb.toString(), root.toString()),
              null,
              Duration.ofMinutes(10))
          .orFail(List.of("dpkg-deb", "-x", deb.toString()));
      Files.delete(deb);
      HostTools.run(
              List.of(depmod.toString(), "-b", root.toString(), version),
              null,
              Duration.ofMinutes(5))
          .orFail(List.of("depmod", "-b", root.toString(), version));
      deleteTree(dir);
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      Files.writeString(dir.resolve(COMPLETE), pkg + "\n");
    } catch (IOException e) {
      throw new KernelTierUnavailable(
          "could not prepare the Debian kernel "
              + pkg
              + " in "
              + cache
              + " (apt-get download, dpkg-deb -x, depmod -b): "
              + e.getMessage(),
          e);
    } finally {
      deleteTree(tmp);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
