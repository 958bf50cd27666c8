package dev.sanctl.spi.values;

import java.util.List;

/** Every value kind, for documentation and tests. */
public final class ValueKinds {
  private ValueKinds() {}

  /** All kinds, in documentation order. */
  public static final List<ValueKind> ALL =
      List.of(
          Serial.KIND,
          IetOptionKey.KIND,
          IetOptionValue.KIND,
          Comment.KIND,
          CronCommand.KIND,
          CronComment.KIND,
          NodePath.KIND,
          LocalPath.KIND,
          ChapUser.KIND,
          ChapSecret.KIND,
          IscsiName.KIND,
          PortalAddress.KIND,
          ZfsPropertyValue.KIND,
          LuAlias.KIND,
          StmfHaWord.KIND);
}
