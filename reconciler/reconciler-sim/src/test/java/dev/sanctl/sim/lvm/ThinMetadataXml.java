package dev.sanctl.sim.lvm;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** thin_dump/thin_restore XML to and from simulated thin devices (tests only). */
final class ThinMetadataXml {
  private static final Pattern DEVICE = Pattern.compile("<device dev_id=\"(\\d+)\"");
  private static final Pattern RANGE =
      Pattern.compile(
          "<range_mapping origin_begin=\"(\\d+)\""
              + " data_begin=\"(\\d+)\" length=\"(\\d+)\" time=\"(\\d+)\"/>");
  private static final Pattern SINGLE =
      Pattern.compile(
          "<single_mapping origin_block=\"(\\d+)\" data_block=\"(\\d+)\" time=\"(\\d+)\"/>");

  private ThinMetadataXml() {}

  /** The devices of a thin_restore input (one element per line, as thin_dump writes them). */
  static TreeMap<Long, ThinMetadata.Device> devices(String xml) throws IOException {
    TreeMap<Long, ThinMetadata.Device> devices = new TreeMap<>();
    ThinMetadata.Device current = null;
    for (String line : xml.split("\n")) {
      Matcher m = DEVICE.matcher(line);
      if (m.find()) {
        current = new ThinMetadata.Device(Long.parseLong(m.group(1)), 0, 0);
        devices.put(current.id, current);
      }
      m = RANGE.matcher(line);
      if (m.find()) {
        for (long i = 0; i < Long.parseLong(m.group(3)); i++) {
          current.map.put(
              Long.parseLong(m.group(1)) + i,
              new long[] {Long.parseLong(m.group(2)) + i, Long.parseLong(m.group(4))});
        }
      }
      m = SINGLE.matcher(line);
      if (m.find()) {
        current.map.put(
            Long.parseLong(m.group(1)),
            new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
      }
    }
    return devices;
  }

  /** thin_restore input for {@code devices} (single mappings only: simple and exact). */
  static String xml(
      long time, long transaction, long nrDataBlocks, Map<Long, ThinMetadata.Device> devices) {
    StringBuilder sb = new StringBuilder();
    sb.append("<superblock uuid=\"\" time=\"")
        .append(time)
        .append("\" transaction=\"")
        .append(transaction)
        .append("\" version=\"2\" data_block_size=\"128\" nr_data_blocks=\"")
        .append(nrDataBlocks)
        .append("\">\n");
    for (ThinMetadata.Device d : devices.values()) {
      sb.append("  <device dev_id=\"")
          .append(d.id)
          .append("\" mapped_blocks=\"")
          .append(d.map.size())
          .append("\" transaction=\"0\" creation_time=\"")
          .append(d.creationTime)
          .append("\" snap_time=\"")
          .append(d.snapTime)
          .append("\">\n");
      for (Map.Entry<Long, long[]> e : d.map.entrySet()) {
        sb.append("    <single_mapping origin_block=\"")
            .append(e.getKey())
            .append("\" data_block=\"")
            .append(e.getValue()[0])
            .append("\" time=\"")
            .append(e.getValue()[1])
            .append("\"/>\n");
      }
      sb.append("  </device>\n");
    }
    return sb.append("</superblock>\n").toString();
  }

  /** The superblock line thin_delta prints for live (file) metadata. */
  static String liveHeader(long time, long transaction, long nrDataBlocks) {
    return "<superblock uuid=\"\" time=\""
        + time
        + "\" transaction=\""
        + transaction
        + "\" data_block_size=\"128\" nr_data_blocks=\""
        + nrDataBlocks
        + "\">\n";
  }
}
