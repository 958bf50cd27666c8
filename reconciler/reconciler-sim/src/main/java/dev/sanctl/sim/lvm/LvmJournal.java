package dev.sanctl.sim.lvm;

import dev.sanctl.sim.StateFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link LvmState} is written: the file is a snapshot of every record followed by an
 * append-only journal of what each later command changed, so a command costs what it changed, not
 * the size of the cluster. A journal line is a record of the snapshot kinds ({@code seq}, {@code
 * vg} with its {@code active} and {@code mounted} lines, {@code lv} with its {@code thin} line),
 * which replaces the earlier one with the same key, or a removal ({@code -vg NAME}, {@code -lv VG
 * NAME}). When the file holds more than twice the live records (plus a margin) it is compacted:
 * rewritten as a snapshot. Nothing is written when nothing changed.
 */
final class LvmJournal {
  /** Lines a file may hold beyond twice its live records before it is compacted. */
  static final int COMPACTION_MARGIN = 64;

  /** What one volume group looks like on disk. */
  private record VgRow(
      String uuid, long extentSize, long extentCount, List<String> activeOn, String mounted) {}

  /** What one logical volume looks like on disk. */
  private record LvRow(
      String uuid,
      long extents,
      String origin,
      String time,
      String tags,
      String segType,
      String pool,
      long thinId,
      long chunkSectors,
      boolean activationSkip,
      boolean inactive) {
    boolean thinLine() {
      return segType != null || inactive;
    }
  }

  /** Everything that is on disk, groups and their volumes in name order. */
  private record Image(long sequence, Map<String, VgRow> vgs, Map<String, Map<String, LvRow>> lvs) {
    int records() {
      int n = 1 + vgs.size();
      for (VgRow v : vgs.values()) n += v.activeOn.size() + (v.mounted == null ? 0 : 1);
      for (Map<String, LvRow> m : lvs.values()) {
        for (LvRow l : m.values()) n += l.thinLine() ? 2 : 1;
      }
      return n;
    }
  }

  private Image onDisk;
  private int fileLines;

  /** Remembers what {@code state}, just read from a file of {@code lines} lines, holds. */
  void loaded(LvmState state, int lines) {
    onDisk = image(state);
    fileLines = lines;
  }

  /** Writes what changed in {@code state} since it was read or last written. */
  void save(LvmState state, Path file) throws IOException {
    if (onDisk != null && holds(onDisk, state) && Files.exists(file)) return; // a read-only command
    Image now = image(state);
    if (onDisk == null || !Files.exists(file)) {
      snapshot(now, file);
      return;
    }
    List<List<String>> lines = diff(onDisk, now);
    if (lines.isEmpty()) return;
    if (fileLines + lines.size() > 2 * now.records() + COMPACTION_MARGIN) {
      snapshot(now, file);
      return;
    }
    StringBuilder sb = new StringBuilder(lines.size() * 64);
    StateFile.appendLines(lines, sb);
    Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    onDisk = now;
    fileLines += lines.size();
  }

  private void snapshot(Image now, Path file) throws IOException {
    List<List<String>> out = new ArrayList<>(now.records());
    out.add(StateFile.record("seq", now.sequence));
    for (var v : now.vgs.keySet()) {
      vgLines(v, now.vgs.get(v), out);
      Map<String, LvRow> mine = now.lvs.get(v);
      for (var e : mine.entrySet()) lvLine(v, e.getKey(), e.getValue(), out);
      for (var e : mine.entrySet()) {
        if (e.getValue().thinLine()) thinLine(v, e.getKey(), e.getValue(), out);
      }
    }
    StateFile.write(file, out);
    onDisk = now;
    fileLines = out.size();
  }

  private static List<List<String>> diff(Image before, Image now) {
    List<List<String>> out = new ArrayList<>();
    if (before.sequence != now.sequence) out.add(StateFile.record("seq", now.sequence));
    for (var v : before.lvs.entrySet()) {
      Map<String, LvRow> still = now.lvs.getOrDefault(v.getKey(), Map.of());
      for (String lv : v.getValue().keySet()) {
        if (!still.containsKey(lv)) out.add(StateFile.record("-lv", v.getKey(), lv));
      }
    }
    for (String vg : before.vgs.keySet()) {
      if (!now.vgs.containsKey(vg)) out.add(StateFile.record("-vg", vg));
    }
    for (var v : now.vgs.entrySet()) {
      String vg = v.getKey();
      if (!v.getValue().equals(before.vgs.get(vg))) vgLines(vg, v.getValue(), out);
      Map<String, LvRow> was = before.lvs.getOrDefault(vg, Map.of());
      for (var e : now.lvs.get(vg).entrySet()) {
        if (e.getValue().equals(was.get(e.getKey()))) continue;
        lvLine(vg, e.getKey(), e.getValue(), out);
        if (e.getValue().thinLine()) thinLine(vg, e.getKey(), e.getValue(), out);
      }
    }
    return out;
  }

  private static void vgLines(String name, VgRow v, List<List<String>> out) {
    out.add(StateFile.record("vg", name, v.uuid, v.extentSize, v.extentCount));
    for (String n : v.activeOn) out.add(StateFile.record("active", name, n));
    if (v.mounted != null) out.add(StateFile.record("mounted", name, v.mounted));
  }

  private static void lvLine(String vg, String name, LvRow l, List<List<String>> out) {
    out.add(StateFile.record("lv", vg, name, l.uuid, l.extents, l.origin, l.time, l.tags));
  }

  private static void thinLine(String vg, String name, LvRow l, List<List<String>> out) {
    out.add(
        StateFile.record(
            "thin",
            vg,
            name,
            l.segType,
            l.pool,
            l.thinId,
            l.chunkSectors,
            l.activationSkip ? "1" : "0",
            l.inactive ? "1" : "0"));
  }

  /**
   * True when {@code state} holds what {@code image} does (the diff would be empty), found without
   * copying the state: what a read-only command (every report) costs.
   */
  private static boolean holds(Image image, LvmState state) {
    if (state.sequence != image.sequence || state.vgs.size() != image.vgs.size()) return false;
    for (LvmState.Vg vg : state.vgs.values()) {
      Map<String, LvRow> lvs = image.lvs.get(vg.name);
      if (lvs == null || lvs.size() != vg.lvs.size() || !vgRow(vg).equals(image.vgs.get(vg.name))) {
        return false;
      }
      for (LvmState.Lv lv : vg.lvs.values()) {
        if (!same(lv, lvs.get(lv.name))) return false;
      }
    }
    return true;
  }

  /** {@code lvRow(lv).equals(row)}, field by field: no copy, no generated record equality. */
  private static boolean same(LvmState.Lv lv, LvRow row) {
    return row != null
        && lv.extents == row.extents
        && lv.thinId == row.thinId
        && lv.chunkSectors == row.chunkSectors
        && lv.activationSkip == row.activationSkip
        && lv.inactive == row.inactive
        && Objects.equals(lv.uuid, row.uuid)
        && Objects.equals(lv.origin, row.origin)
        && Objects.equals(lv.time, row.time)
        && Objects.equals(lv.tags, row.tags)
        && Objects.equals(lv.segType, row.segType)
        && Objects.equals(lv.pool, row.pool);
  }

  private static VgRow vgRow(LvmState.Vg vg) {
    return new VgRow(
        vg.uuid, vg.extentSize, vg.extentCount, List.copyOf(vg.activeOn), vg.metaMountedOn);
  }

  private static LvRow lvRow(LvmState.Lv lv) {
    return new LvRow(
        lv.uuid,
        lv.extents,
        lv.origin,
        lv.time,
        lv.tags,
        lv.segType,
        lv.pool,
        lv.thinId,
        lv.chunkSectors,
        lv.activationSkip,
        lv.inactive);
  }

  private static Image image(LvmState s) {
    Map<String, VgRow> vgs = new LinkedHashMap<>();
    Map<String, Map<String, LvRow>> lvs = new HashMap<>();
    for (LvmState.Vg vg : s.vgs.values()) {
      vgs.put(vg.name, vgRow(vg));
      Map<String, LvRow> mine = new LinkedHashMap<>(vg.lvs.size() * 2);
      for (LvmState.Lv lv : vg.lvs.values()) {
        mine.put(lv.name, lvRow(lv));
      }
      lvs.put(vg.name, mine);
    }
    return new Image(s.sequence, vgs, lvs);
  }
}
