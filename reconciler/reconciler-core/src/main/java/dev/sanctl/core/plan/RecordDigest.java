package dev.sanctl.core.plan;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Feeds a digest the bytes of a record's {@code toString()} (UTF-8) without making that string: the
 * record's own components are written one by one, and a component that is a list or a map element
 * by element, in the format {@link Record#toString()}, {@link
 * java.util.AbstractCollection#toString()} and {@link java.util.AbstractMap#toString()} give. The
 * text of a 5,000-target desired state is several megabytes, and making it as one string copied it
 * several times (60 MB of allocation).
 */
final class RecordDigest {
  private final MessageDigest md;

  RecordDigest(MessageDigest md) {
    this.md = md;
  }

  /** Digests {@code r.toString()} of a record using the implicit {@code toString}. */
  void record(Record r) {
    text(r.getClass().getSimpleName());
    text("[");
    RecordComponent[] components = r.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      if (i > 0) text(", ");
      text(components[i].getName());
      text("=");
      value(valueOf(components[i], r));
    }
    text("]");
  }

  private void value(Object v) {
    if (v instanceof List<?> list) {
      text("[");
      Iterator<?> it = list.iterator();
      while (it.hasNext()) {
        text(String.valueOf(it.next()));
        if (it.hasNext()) text(", ");
      }
      text("]");
    } else if (v instanceof Map<?, ?> map) {
      text("{");
      Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        text(String.valueOf(e.getKey()));
        text("=");
        text(String.valueOf(e.getValue()));
        if (it.hasNext()) text(", ");
      }
      text("}");
    } else {
      text(String.valueOf(v));
    }
  }

  private void text(String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Object valueOf(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
    }
  }
}
