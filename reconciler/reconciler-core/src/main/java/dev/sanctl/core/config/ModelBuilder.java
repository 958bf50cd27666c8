package dev.sanctl.core.config;

import dev.sanctl.spi.model.Alerts;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.Cluster;
import dev.sanctl.spi.model.CronEntry;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.IetGlobal;
import dev.sanctl.spi.model.InitiatorGroup;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.Policy;
import dev.sanctl.spi.model.PortalGroup;
import dev.sanctl.spi.model.SnapshotSchedule;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.TargetDefaults;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.model.Transport;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Builds the typed {@link DesiredState} from a merged document that already passed the schema and
 * the semantic rules, applying every default of the format. ZFS pools are built by {@link
 * PoolModelBuilder}; reading values and source positions is {@link ModelReader}'s.
 */
public final class ModelBuilder extends ModelReader {
  /** Default ZFS user property namespace. */
  public static final String DEFAULT_PROPERTY_NAMESPACE = "sanctl";

  private final PoolModelBuilder pools;

  private ModelBuilder(MergedDocument doc) {
    super(doc);
    this.pools = new PoolModelBuilder(doc);
  }

  /** The desired state of a valid merged document, read at {@code revision} (or null). */
  public static DesiredState build(MergedDocument doc, String revision) {
    return new ModelBuilder(doc).build(revision);
  }

  private DesiredState build(String revision) {
    JsonNode c = root.path("cluster");
    Cluster cluster =
        new Cluster(
            text(c, "name", null),
            text(c, "iqnPrefix", null),
            text(c, "propertyNamespace", DEFAULT_PROPERTY_NAMESPACE),
            key(YamlPath.of("cluster")));
    return new DesiredState(
        cluster,
        namedMap(YamlPath.of("nodes"), this::node),
        transport(root.path("transport")),
        policy(root.path("policy")),
        alerts(root.path("alerts")),
        namedMap(YamlPath.of("volumeGroups"), this::volumeGroup),
        namedMap(YamlPath.of("portalGroups"), this::portalGroup),
        namedMap(
            YamlPath.of("initiatorGroups"),
            (name, p) -> new InitiatorGroup(name, strings(at(p)), key(p))),
        new IetGlobal(options(root.path("iet").path("global"))),
        targetDefaults(),
        list(YamlPath.of("targets"), p -> target(p, targetDefaults())),
        namedMap(YamlPath.of("pools"), pools::pool),
        namedMap(YamlPath.of("snapshotSchedules"), this::schedule),
        backups(root.path("backups")),
        namedMap(YamlPath.of("cron"), (node, p) -> list(p, this::cronEntry)),
        revision);
  }

  private NodeSpec node(String name, YamlPath p) {
    JsonNode n = at(p);
    JsonNode tgt = n.path("tgt").path("controlPort");
    String connection = text(n, "connection", "ssh");
    return new NodeSpec(
        name,
        text(n, "address", connection.equals("local") ? "localhost" : null),
        text(n, "os", "linux"),
        strings(n.path("services")),
        connection,
        text(n, "user", null),
        n.has("port") ? n.get("port").asInt() : null,
        text(n, "identityFile", null),
        text(n, "knownHostsFile", null),
        tgt.isIntegralNumber() ? tgt.asInt() : null,
        key(p));
  }

  private static Transport transport(JsonNode t) {
    Transport d = Transport.DEFAULTS;
    return new Transport(
        text(t, "user", d.user()),
        t.path("port").asInt(d.port()),
        text(t, "identityFile", d.identityFile()),
        text(t, "knownHostsFile", d.knownHostsFile()),
        duration(t, "connectTimeout", d.connectTimeout()),
        duration(t, "commandTimeout", d.commandTimeout()),
        t.path("maxParallelNodes").asInt(d.maxParallelNodes()),
        t.path("sudo").asBoolean(d.sudo()));
  }

  private static Duration duration(JsonNode n, String field, Duration fallback) {
    Duration d = Quantities.duration(text(n, field, null));
    return d == null ? fallback : d;
  }

  private static Policy policy(JsonNode p) {
    Policy d = Policy.DEFAULTS;
    return new Policy(
        p.path("autoApply").asBoolean(d.autoApply()),
        p.path("allowDestroy").asBoolean(d.allowDestroy()),
        p.path("allowDisruptive").asBoolean(d.allowDisruptive()),
        p.path("selfHeal").asBoolean(d.selfHeal()));
  }

  private static Alerts alerts(JsonNode a) {
    JsonNode e = a.path("email");
    if (!e.isObject()) return Alerts.NONE;
    JsonNode s = e.path("smtp");
    return new Alerts(
        new Alerts.Email(
            text(e, "from", null),
            strings(e.path("to")),
            new Alerts.Smtp(
                text(s, "host", null),
                s.path("port").asInt(587),
                s.path("starttls").asBoolean(true),
                text(s, "username", null),
                text(s, "passwordFile", null))));
  }

  private VolumeGroup volumeGroup(String name, YamlPath p) {
    JsonNode v = at(p);
    JsonNode meta = v.path("metaVolume");
    YamlPath metaPath = p.key("metaVolume");
    return new VolumeGroup(
        name,
        "files".equals(text(v, "type", "lvm")) ? VolumeGroup.Type.FILES : VolumeGroup.Type.LVM,
        text(v, "path", null),
        strings(v.path("nodes")),
        meta.isObject()
            ? new VolumeGroup.MetaVolume(
                text(meta, "name", null),
                size(meta.get("size")),
                text(meta, "mountPoint", null),
                key(metaPath))
            : null,
        namedMap(
            p.key("volumes"),
            (lv, vp) ->
                new VolumeGroup.Volume(
                    lv, size(at(vp).get("size")), resourceState(at(vp)), key(vp))),
        key(p));
  }

  private PortalGroup portalGroup(String name, YamlPath p) {
    JsonNode g = at(p);
    return new PortalGroup(
        name,
        g.path("port").asInt(3260),
        namedMap(p.key("portals"), (node, np) -> strings(at(np))),
        key(p));
  }

  private TargetDefaults targetDefaults() {
    return new TargetDefaults(
        text(root.path("targetDefaults"), "io", "blockio"),
        options(root.path("targetDefaults").path("options")));
  }

  /** {@code defaults} with {@code own} merged over them; a key of {@code own} wins in any case. */
  static Map<String, String> mergedOptions(Map<String, String> defaults, Map<String, String> own) {
    if (own.isEmpty()) return defaults;
    Map<String, String> out = new LinkedHashMap<>();
    defaults.forEach(
        (k, v) -> {
          if (own.keySet().stream().noneMatch(o -> o.equalsIgnoreCase(k))) out.put(k, v);
        });
    out.putAll(own);
    return Collections.unmodifiableMap(out);
  }

  private Target target(YamlPath p, TargetDefaults defaults) {
    JsonNode t = at(p);
    String io = text(t, "io", defaults.io());
    VolumeRef volume = t.has("volume") ? VolumeRef.parse(text(t, "volume", null)) : null;
    String serial = text(t, "serial", null);
    List<Target.Lun> luns;
    if (t.has("luns")) {
      luns =
          list(
              p.key("luns"),
              lp -> {
                JsonNode l = at(lp);
                return new Target.Lun(
                    l.path("lun").asInt(),
                    VolumeRef.parse(text(l, "volume", null)),
                    text(l, "serial", null),
                    text(l, "io", io),
                    key(lp));
              });
      if (volume == null && !luns.isEmpty()) volume = lunZeroOrFirst(luns).volume();
    } else {
      luns = List.of(new Target.Lun(0, volume, serial, io, key(p)));
    }
    JsonNode chap = t.path("chap");
    return new Target(
        volume,
        text(t, "iqn", null),
        TargetState.valueOf(text(t, "state", "online").toUpperCase(Locale.ROOT)),
        serial,
        text(t, "portalGroup", null),
        strings(t.path("initiators")),
        text(t, "comment", null),
        t.path("expectedSessions").isIntegralNumber() ? t.get("expectedSessions").asInt() : null,
        chap.isObject()
            ? new Target.Chap(
                list(p.key("chap").key("incoming"), this::chapUser),
                chap.has("outgoing") ? chapUser(p.key("chap").key("outgoing")) : null)
            : Target.Chap.NONE,
        io,
        mergedOptions(defaults.options(), options(t.path("options"))),
        luns,
        key(p));
  }

  private static Target.Lun lunZeroOrFirst(List<Target.Lun> luns) {
    return luns.stream().filter(l -> l.lun() == 0).findFirst().orElse(luns.get(0));
  }

  private Target.ChapUser chapUser(YamlPath p) {
    JsonNode u = at(p);
    return new Target.ChapUser(text(u, "user", null), text(u, "secretFile", null), key(p));
  }

  private SnapshotSchedule schedule(String name, YamlPath p) {
    JsonNode s = at(p);
    List<SnapshotSchedule.Rule> rules = new ArrayList<>();
    for (JsonNode r : s.path("rules")) {
      rules.add(
          new SnapshotSchedule.Rule(
              text(r, "name", null),
              SnapshotSchedule.Freq.valueOf(text(r, "freq", null).toUpperCase(Locale.ROOT)),
              r.path("n").asInt()));
    }
    return new SnapshotSchedule(
        name,
        ZoneId.of(text(s, "zone", "UTC")),
        s.path("keepLast").asInt(1),
        List.copyOf(rules),
        key(p));
  }

  private Backups backups(JsonNode b) {
    JsonNode d = b.path("defaults");
    return new Backups(
        list(
            YamlPath.of("backups", "jobs"),
            jp -> {
              JsonNode j = at(jp);
              VolumeRef source = VolumeRef.parse(text(j, "source", null));
              return new Backups.Job(
                  source,
                  text(j, "archive", text(d, "archive", null)),
                  text(j, "pool", text(d, "pool", null)),
                  text(j, "volume", source.lv() + "_bk"),
                  j.path("workers").asInt(d.path("workers").asInt(1)),
                  j.path("integrity").asBoolean(d.path("integrity").asBoolean(false)),
                  key(jp),
                  Backups.ChangeMap.parse(text(j, "changeMap", text(d, "changeMap", null))));
            }));
  }

  private CronEntry cronEntry(YamlPath p) {
    JsonNode e = at(p);
    return new CronEntry(
        text(e, "schedule", null), text(e, "command", null), text(e, "comment", null), key(p));
  }
}
