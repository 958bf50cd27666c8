package dev.sanctl.core.config;

import dev.sanctl.spi.model.Pool;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Builds the ZFS {@link Pool pools} of the desired state: datasets, zvols with the pool's {@code
 * volumeDefaults}, and the pool's {@code stmfHa} or {@code comstar} section.
 */
final class PoolModelBuilder extends ModelReader {
  PoolModelBuilder(MergedDocument doc) {
    super(doc);
  }

  Pool pool(String name, YamlPath p) {
    JsonNode pool = at(p);
    JsonNode vd = pool.path("volumeDefaults");
    Pool.VolumeDefaults defaults =
        vd.isObject()
            ? new Pool.VolumeDefaults(
                options(vd.path("properties")),
                text(vd, "snapshotSchedule", null),
                vd.path("sparse").asBoolean(false),
                vd.has("blockSize") ? size(vd.get("blockSize")) : null)
            : Pool.VolumeDefaults.NONE;
    return new Pool(
        name,
        strings(pool.path("nodes")),
        namedMap(
            p.key("datasets"),
            (ds, dp) -> new Pool.Dataset(ds, options(at(dp).path("properties")), key(dp))),
        namedMap(p.key("volumes"), (zv, zp) -> zvol(zv, zp, defaults)),
        defaults,
        pool.path("stmfHa").isObject() ? stmfHa(p.key("stmfHa")) : null,
        pool.path("comstar").isObject() ? comstar(p.key("comstar")) : null,
        key(p));
  }

  private Pool.Zvol zvol(String name, YamlPath p, Pool.VolumeDefaults d) {
    JsonNode z = at(p);
    Map<String, String> props = new LinkedHashMap<>(d.properties());
    props.putAll(options(z.path("properties")));
    return new Pool.Zvol(
        name,
        size(z.get("size")),
        z.path("sparse").asBoolean(d.sparse()),
        z.has("blockSize") ? Long.valueOf(size(z.get("blockSize"))) : d.blockSize(),
        Collections.unmodifiableMap(props),
        text(z, "snapshotSchedule", d.snapshotSchedule()),
        resourceState(z),
        key(p));
  }

  private Pool.StmfHa stmfHa(YamlPath p) {
    JsonNode s = at(p);
    return new Pool.StmfHa(
        namedMap(p.key("targetPortalGroups"), (n, np) -> strings(at(np))),
        text(s, "defaultTpg", null),
        namedMap(
            p.key("targets"),
            (n, np) ->
                new Pool.StmfHaTarget(
                    n, text(at(np), "type", "iscsi"), text(at(np), "tpg", null), key(np))),
        s.has("logicalUnits") ? strings(s.get("logicalUnits")) : null,
        namedMap(p.key("hostGroups"), (n, np) -> strings(at(np))),
        namedMap(p.key("targetGroups"), (n, np) -> strings(at(np))),
        namedMap(
            p.key("views"),
            (n, np) ->
                new Pool.StmfHaView(
                    n,
                    text(at(np), "hostGroup", null),
                    text(at(np), "targetGroup", null),
                    text(at(np), "luPrefix", null),
                    key(np))),
        key(p));
  }

  private Pool.Comstar comstar(YamlPath p) {
    return new Pool.Comstar(
        list(
            p.key("logicalUnits"),
            lp -> {
              JsonNode l = at(lp);
              return new Pool.ComstarLu(
                  text(l, "zvol", null),
                  text(l, "guid", null).toUpperCase(Locale.ROOT),
                  text(l, "serial", null),
                  text(l, "alias", null),
                  resourceState(l),
                  key(lp));
            }),
        namedMap(p.key("hostGroups"), (n, np) -> strings(at(np))),
        namedMap(p.key("targetGroups"), (n, np) -> strings(at(np))),
        namedMap(p.key("tpgs"), (n, np) -> strings(at(np))),
        namedMap(
            p.key("targets"),
            (n, np) ->
                new Pool.ComstarTarget(
                    n,
                    text(at(np), "iqn", null),
                    strings(at(np).path("tpgs")),
                    resourceState(at(np)),
                    key(np))),
        list(
            p.key("views"),
            vp -> {
              JsonNode v = at(vp);
              return new Pool.ComstarView(
                  text(v, "lu", null),
                  text(v, "hostGroup", null),
                  text(v, "targetGroup", null),
                  v.path("lun").asInt(),
                  key(vp));
            }),
        key(p));
  }
}
