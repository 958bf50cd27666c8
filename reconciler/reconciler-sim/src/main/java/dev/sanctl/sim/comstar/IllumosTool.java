package dev.sanctl.sim.comstar;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import java.io.IOException;

/** A COMSTAR tool: installed only on nodes whose desired-state {@code os} is {@code illumos}. */
abstract class IllumosTool implements SimTool {
  @Override
  public boolean installedOn(SimNode node) throws IOException {
    return "illumos".equals(node.os());
  }
}
