package dev.sanctl.providers.comstar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** stmf-ha.conf compared by what stmf-ha start makes of it. */
class StmfHaFileDiffTest {
  @Test
  void parsesBashArraysScalarsQuotesAndComments() {
    Map<String, List<String>> vars =
        StmfHaVariables.parse(
            "# header\ntargets=(\n\t'a'\n\t\"b c\"\n)\nhg_members=( x 'it'\\''s' ) # end\n"
                + "default_tpg='tpg1'\n");
    assertEquals(List.of("a", "b c"), vars.get("targets"));
    assertEquals(List.of("x", "it's"), vars.get("hg_members"));
    assertEquals(List.of("tpg1"), vars.get("default_tpg"));
    assertEquals(3, vars.size());
  }

  @Test
  void memberOrderMeansNothingViewOrderDoes() {
    String a = "targets=(\n\t'a'\n\t'b'\n)\nviews=(\n\t'v1'\n\t'v2'\n)\n";
    assertTrue(new StmfHaFileDiff(a, "targets=( b a )\nviews=( v1 v2 )\n").fields().isEmpty());
    assertEquals(
        "views",
        new StmfHaFileDiff(a, "targets=( a b )\nviews=( v2 v1 )\n").fields().get(0).path());
  }

  @Test
  void listsWhatTheNewFileNoLongerExports() {
    String before =
        "targets=( a b )\na_tpg=t1\nlogical_units=( p/x p/y )\nhost_groups=( hg )\n"
            + "hg_members=( i1 i2 )\nviews=( v )\nv_hg=hg\n";
    String after = "targets=( a )\na_tpg=t2\nhost_groups=( hg )\nhg_members=( i1 )\nviews=( v )\n";
    assertEquals(
        List.of(
            "target a moves from TPG t1 to t2",
            "target b is no longer exported",
            "initiator i2 leaves host group hg",
            "view v_hg hg -> unset",
            "LU p/y is no longer exported"),
        new StmfHaFileDiff(before, after).takenAway(List.of("p/x")));
  }
}
