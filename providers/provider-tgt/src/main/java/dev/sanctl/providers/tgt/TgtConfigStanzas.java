package dev.sanctl.providers.tgt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A persisted {@code sanctl.conf} read back as what tgt-admin makes of it: the lines outside target
 * blocks, and each {@code <target IQN>} ... {@code </target>} block by IQN. Two files with the same
 * lines outside blocks and the same blocks restore the same targets, whatever the order of the
 * blocks (tgt-admin walks them sorted), so only a difference here is a change.
 *
 * @param header non-blank lines outside target blocks, in order
 * @param stanzas each target block's lines (first {@code <target ...>}, last {@code </target>},
 *     each ending with a newline) by IQN, in file order
 */
record TgtConfigStanzas(List<String> header, Map<String, String> stanzas) {
  static final TgtConfigStanzas NONE = new TgtConfigStanzas(List.of(), Map.of());

  /** Reads {@code content} (null for no file). */
  static TgtConfigStanzas parse(String content) {
    if (content == null) return NONE;
    List<String> header = new ArrayList<>();
    Map<String, String> stanzas = new LinkedHashMap<>();
    String iqn = null;
    StringBuilder block = null;
    for (String line : content.split("\n", -1)) {
      String t = line.strip();
      if (block == null && t.startsWith("<target ") && t.endsWith(">")) {
        iqn = t.substring("<target ".length(), t.length() - 1).strip();
        block = new StringBuilder();
      }
      if (block != null) {
        block.append(line).append('\n');
        if (t.equals("</target>")) {
          stanzas.merge(iqn, block.toString(), String::concat);
          block = null;
        }
      } else if (!t.isEmpty()) {
        header.add(line);
      }
    }
    if (block != null) stanzas.merge(iqn, block.toString(), String::concat);
    return new TgtConfigStanzas(List.copyOf(header), stanzas);
  }

  /** Whether tgt-admin would restore the same from both (block order aside). */
  boolean sameAs(TgtConfigStanzas other) {
    return header.equals(other.header) && stanzas.equals(other.stanzas);
  }

  /**
   * {@code block} as it must be kept for a live target whose ACL has no {@code ALL}: when it has no
   * {@code initiator-address} line, tgt-admin would bind {@code ALL} at the next restart (see
   * {@link TgtAcl}), so the {@link TgtAcl#NO_ADDRESS} line is added before {@code </target>}.
   */
  static String closed(String block) {
    for (String line : block.split("\n")) {
      if (line.strip().startsWith("initiator-address")) return block;
    }
    int end = block.lastIndexOf("</target>");
    return block.substring(0, end)
        + "\tinitiator-address "
        + TgtAcl.NO_ADDRESS
        + "\n"
        + block.substring(end);
  }

  /** The CHAP secrets written in the block of {@code iqn} ({@code incominguser U SECRET}, ...). */
  List<String> secrets(String iqn) {
    List<String> out = new ArrayList<>();
    String block = stanzas.get(iqn);
    if (block == null) return out;
    for (String line : block.split("\n")) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 3
          && (words[0].equals("incominguser") || words[0].equals("outgoinguser"))) {
        out.add(words[2]);
      }
    }
    return out;
  }
}
