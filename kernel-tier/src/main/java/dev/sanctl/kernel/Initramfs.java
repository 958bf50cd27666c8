package dev.sanctl.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * The stage-1 initramfs: a static busybox whose {@code /init} loads the virtio, 9p and overlay
 * modules (in {@code modprobe --show-depends} order), mounts the host root read-only over 9p under
 * an overlay with a tmpfs upper layer, mounts the kernel's modules from a second 9p share and
 * {@code switch_root}s into the stage-2 script named on the kernel command line. Built in Java (a
 * {@code newc} cpio, gzip), cached per kernel version and content in the kernel cache directory.
 */
public final class Initramfs {
  /** Modules stage 1 loads (their dependencies first). */
  static final List<String> STAGE1_MODULES =
      List.of("virtio_pci", "virtio_net", "9p", "9pnet_virtio", "overlay");

  /** busybox applets linked into {@code /bin}. */
  static final List<String> APPLETS =
      List.of(
          "sh",
          "mount",
          "umount",
          "mkdir",
          "insmod",
          "switch_root",
          "cat",
          "echo",
          "sleep",
          "ls",
          "mknod");

  private Initramfs() {}

  /** The cached initramfs for {@code kernel}, built when missing. */
  public static Path build(DebianKernel kernel, Path cacheDir)
      throws IOException, InterruptedException {
    Path busybox = HostTools.require("/bin/busybox", "busybox-static");
    List<Path> modules = moduleFiles(kernel);
    CpioArchive archive = archive(Files.readAllBytes(busybox), modules, loadModules(modules));
    byte[] cpio = archive.toBytes();
    String hash = sha256(cpio).substring(0, 12);
    Path out = cacheDir.resolve("initramfs-" + kernel.version() + "-" + hash + ".cpio.gz");
    if (Files.isRegularFile(out)) return out;
    Files.createDirectories(cacheDir);
    Path tmp = Files.createTempFile(cacheDir, "initramfs-", ".partial");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp))) {
      o.write(cpio);
    }
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return out;
  }

  /**
   * The stage-1 archive: busybox, its applet links, the modules, their load order, {@code /init}.
   */
  static CpioArchive archive(byte[] busybox, List<Path> modules, List<byte[]> moduleBytes)
      throws IOException {
    CpioArchive a = new CpioArchive();
    for (String d :
        List.of("bin", "sbin", "proc", "sys", "dev", "newroot", "lower", "rw", "mods")) {
      a.dir(d);
    }
    a.file("bin/busybox", 0755, busybox);
    for (String applet : APPLETS) a.symlink("bin/" + applet, "busybox");
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < modules.size(); i++) {
      String name = koName(modules.get(i));
      a.file("mods/" + name, 0644, moduleBytes.get(i));
      order.append(name).append('\n');
    }
    a.file("mods/order", 0644, order.toString().getBytes(StandardCharsets.UTF_8));
    a.file("init", 0755, resource("stage1-init.sh"));
    return a;
  }

  /** {@code virtio_net.ko} for {@code .../virtio_net.ko[.xz|.zst]}. */
  static String koName(Path module) {
    String n = module.getFileName().toString();
    int ko = n.indexOf(".ko");
    return n.substring(0, ko) + ".ko";
  }

  /** The stage-1 modules and their dependencies, dependencies first, each once. */
  static List<Path> moduleFiles(DebianKernel kernel) throws IOException, InterruptedException {
    Path modprobe = HostTools.require("modprobe", "kmod");
    Set<Path> files = new LinkedHashSet<>();
    for (String m : STAGE1_MODULES) {
      List<String> argv =
          List.of(
              modprobe.toString(),
              "-d",
              kernel.root().toString(),
              "-S",
              kernel.version(),
              "--show-depends",
              m);
      HostTools.Run r = HostTools.run(argv, null, Duration.ofMinutes(1)).orFail(argv);
      for (String line : r.stdout().lines().toList()) {
        String[] w = line.strip().split("\\s+");
        if (w.length >= 2 && w[0].equals("insmod")) files.add(Path.of(w[1]));
      }
    }
    return new ArrayList<>(files);
  }

  private static List<byte[]> loadModules(List<Path> modules)
      throws IOException, InterruptedException {
    List<byte[]> out = new ArrayList<>();
    for (Path m : modules) {
      String n = m.getFileName().toString();
      if (n.endsWith(".ko")) {
        out.add(Files.readAllBytes(m));
      } else {
        String tool = n.endsWith(".xz") ? "xz" : n.endsWith(".zst") ? "zstd" : null;
        if (tool == null) throw new IOException("unknown module compression: " + m);
        Path exe = HostTools.require(tool, tool.equals("xz") ? "xz-utils" : "zstd");
        Process p = new ProcessBuilder(exe.toString(), "-dc", m.toString()).start();
        byte[] b = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IOException(tool + " -dc " + m + " failed");
        out.add(b);
      }
    }
    return out;
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = Initramfs.class.getResourceAsStream(name)) {
      if (in == null) throw new IOException("missing resource " + name);
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
