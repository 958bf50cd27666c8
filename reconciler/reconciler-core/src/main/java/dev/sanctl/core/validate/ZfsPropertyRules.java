package dev.sanctl.core.validate;

import dev.sanctl.core.config.ModelBuilder;
import dev.sanctl.core.config.YamlPath;
import dev.sanctl.spi.rules.ZfsProperties;

/**
 * The {@code properties:} of ZFS datasets, zvols and a pool's {@code volumeDefaults}: properties
 * with their own field (volsize, volblocksize, the schedule property), read-only ones, encryption
 * and filesystem-only properties on volumes are refused where they are written ({@link
 * ZfsProperties#refusal}).
 */
final class ZfsPropertyRules {
  private final RuleContext c;

  ZfsPropertyRules(RuleContext c) {
    this.c = c;
  }

  void check() {
    String schedule =
        ZfsProperties.scheduleProperty(
            c.root
                .path("cluster")
                .path("propertyNamespace")
                .asString(ModelBuilder.DEFAULT_PROPERTY_NAMESPACE));
    for (String pool : RuleContext.names(c.root.path("pools"))) {
      YamlPath p = YamlPath.of("pools", pool);
      for (String ds : RuleContext.names(c.at(p.key("datasets")))) {
        properties(p.key("datasets").key(ds).key("properties"), false, schedule);
      }
      for (String zv : RuleContext.names(c.at(p.key("volumes")))) {
        properties(p.key("volumes").key(zv).key("properties"), true, schedule);
      }
      properties(p.key("volumeDefaults").key("properties"), true, schedule);
    }
  }

  private void properties(YamlPath p, boolean volume, String schedule) {
    for (String name : RuleContext.names(c.at(p))) {
      ZfsProperties.refusal(name, volume, schedule)
          .ifPresent(r -> c.error(c.keyOf(p.key(name)), r.message(), r.hint()));
    }
  }
}
