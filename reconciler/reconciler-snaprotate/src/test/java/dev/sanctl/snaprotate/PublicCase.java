package dev.sanctl.snaprotate;

import dev.sanctl.spi.model.SnapshotSchedule;
import dev.sanctl.spi.model.SnapshotSchedule.Freq;
import dev.sanctl.spi.model.SnapshotSchedule.Rule;
import dev.sanctl.spi.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One public planner case of {@code snaprotate-cases.json}, turned into planner inputs. */
public record PublicCase(
    String id,
    String why,
    SnapshotSchedule schedule,
    Instant now,
    List<Snapshot> snapshots,
    Set<String> protectedNames,
    Set<String> expectDelete,
    Set<String> expectRetain) {

  public static final String VOLUME = "tank/vol1";

  @Override
  public String toString() {
    return id;
  }

  public PlanRequest request() {
    return new PlanRequest(VOLUME, schedule, now, protectedNames, snapshots, false);
  }

  /** The case as a {@code zfs list -H -p} listing. */
  public String listing() {
    return ListingParser.render(VOLUME, snapshots);
  }

  public static List<PublicCase> load() throws IOException {
    try (InputStream in = PublicCase.class.getResourceAsStream("snaprotate-cases.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<PublicCase> out = new ArrayList<>();
      for (Object o : (List<?>) MiniJson.parse(text)) out.add(of((Map<?, ?>) o));
      return out;
    }
  }

  @SuppressWarnings("unchecked")
  private static PublicCase of(Map<?, ?> c) {
    List<Rule> rules = new ArrayList<>();
    for (Object r : (List<?>) c.get("rules")) {
      Map<?, ?> m = (Map<?, ?>) r;
      rules.add(
          new Rule(
              (String) m.get("name"),
              Freq.valueOf(((String) m.get("freq")).toUpperCase(Locale.ROOT)),
              ((Number) m.get("n")).intValue()));
    }
    SnapshotSchedule schedule =
        new SnapshotSchedule(
            "CASE_" + c.get("id"),
            ZoneId.of((String) c.get("zone")),
            ((Number) c.get("keepLast")).intValue(),
            rules,
            SourceRef.NONE);
    List<Map<?, ?>> raw = new ArrayList<>((List<Map<?, ?>>) c.get("snapshots"));
    // createtxg follows creation, as on a real pool
    List<Map<?, ?>> byCreation = new ArrayList<>(raw);
    byCreation.sort(Comparator.comparingLong(m -> ((Number) m.get("creation")).longValue()));
    List<Snapshot> snaps = new ArrayList<>();
    Set<String> protect = new HashSet<>();
    for (Map<?, ?> s : raw) {
      String name = (String) s.get("name");
      boolean managed = (Boolean) s.get("managed");
      String snapTime = (String) s.get("snap_time");
      snaps.add(
          new Snapshot(
              name,
              Long.toUnsignedString(name.hashCode() * 2654435761L),
              1000 + byCreation.indexOf(s),
              ((Number) s.get("creation")).longValue(),
              ((Number) s.get("userrefs")).intValue(),
              (String) s.get("clones"),
              "on".equals(s.get("defer_destroy")),
              managed ? snapTime : null,
              managed ? rules.get(0).name() : null));
      if ((Boolean) s.get("protected")) protect.add(name);
    }
    return new PublicCase(
        (String) c.get("id"),
        (String) c.get("why"),
        schedule,
        Instant.parse((String) c.get("now")),
        snaps,
        protect,
        new HashSet<>((List<String>) c.get("expectDelete")),
        new HashSet<>((List<String>) c.get("expectRetain")));
  }
}
