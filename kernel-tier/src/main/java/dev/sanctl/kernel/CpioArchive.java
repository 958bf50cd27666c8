package dev.sanctl.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cpio archive in the kernel's initramfs format ({@code newc}, "070701"), built in memory:
 * directories, regular files and symbolic links owned by root.
 */
final class CpioArchive {
  /** One member: {@code kind} d (directory), f (file) or l (symlink). */
  record Entry(char kind, String path, int mode, byte[] data) {
    /** {@code d /bin}, {@code f /init 755}, {@code l /bin/sh -> busybox}. */
    String describe() {
      return switch (kind) {
        case 'd' -> "d /" + path;
        case 'l' -> "l /" + path + " -> " + new String(data, StandardCharsets.UTF_8);
        default -> "f /" + path + " " + Integer.toOctalString(mode);
      };
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  CpioArchive dir(String path) {
    entries.add(new Entry('d', path, 0755, new byte[0]));
    return this;
  }

  CpioArchive file(String path, int mode, byte[] data) {
    entries.add(new Entry('f', path, mode, data));
    return this;
  }

  CpioArchive symlink(String path, String target) {
    entries.add(new Entry('l', path, 0777, target.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The contents, one {@link Entry#describe()} per line, in archive order. */
  List<String> describe() {
    return entries.stream().map(Entry::describe).toList();
  }

  void writeTo(OutputStream out) throws IOException {
    int ino = 1;
    for (Entry e : entries) {
      int type = e.kind == 'd' ? 0040000 : e.kind == 'l' ? 0120000 : 0100000;
      header(out, ino++, type | e.mode, e.kind == 'd' ? 2 : 1, e.data.length, e.path);
      out.write(e.data);
      pad(out, e.data.length);
    }
    header(out, 0, 0, 1, 0, "TRAILER!!!");
  }

  byte[] toBytes() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    writeTo(b);
    return b.toByteArray();
  }

  private static void header(OutputStream out, int ino, int mode, int nlink, int size, String name)
      throws IOException {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder("070701");
    int[] fields = {ino, mode, 0, 0, nlink, 0, size, 0, 0, 0, 0, n.length + 1, 0};
    for (int f : fields) h.append(String.format("%08X", f));
    byte[] hb = h.toString().getBytes(StandardCharsets.US_ASCII);
    out.write(hb);
    out.write(n);
    out.write(0);
    pad(out, hb.length + n.length + 1);
  }

  private static void pad(OutputStream out, int written) throws IOException {
    for (int i = written; i % 4 != 0; i++) out.write(0);
  }
}
