package dev.sanctl.cli.hints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.CliRun;
import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Invocation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Next-step hints carry {@code -C}, {@code --sim}, {@code --node} and {@code --state-dir}. */
class NextStepHintTest {
  @TempDir Path tmp;

  @Test
  void theApplyHintOfASavedPlanCarriesTheContextAndWorksAsPrinted() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    Path saved = tmp.resolve("plan.json");
    CliRun.Result plan = c.cluster("plan", "--node", "san-a", "--out", saved.toString());
    assertEquals(ExitCodes.OK, plan.exit(), plan.toString());
    String expected =
        "apply it with: sanctl -C "
            + c.config
            + " apply --sim "
            + c.simDir
            + " --node san-a --state-dir "
            + c.stateDir
            + " --plan "
            + saved;
    assertTrue(plan.err().contains(expected), plan.err());

    Matcher m = Pattern.compile("apply it with: sanctl (.*)").matcher(plan.err());
    assertTrue(m.find());
    CliRun.Result apply = CliRun.run(m.group(1).strip().split(" "));
    assertEquals(ExitCodes.OK, apply.exit(), "the hint runs as printed: " + apply);
  }

  @Test
  void aRefusalWithoutATerminalNamesTheTwoStepsInContext() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("apply");
    assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
    String context = " --sim " + c.simDir + " --state-dir " + c.stateDir;
    assertTrue(
        r.err().contains("sanctl -C " + c.config + " plan" + context + " --out FILE"), r.err());
    assertTrue(
        r.err().contains("sanctl -C " + c.config + " apply" + context + " --plan FILE"), r.err());
  }

  @Test
  void wordsAreQuotedForTheShellAndTheDefaultConfigDirIsLeftOut() {
    ClusterOptions cluster = new ClusterOptions();
    cluster.sim = Path.of("/tmp/my sim");
    cluster.nodes = List.of("san-a");
    assertEquals(
        "sanctl -C '/srv/san config' apply --sim '/tmp/my sim' --node san-a --plan 'it'\\''s.json'",
        Invocation.of(Path.of("/srv/san config"), cluster, "apply", "--plan", "it's.json"));
    assertEquals(
        "sanctl plan --out p.json",
        Invocation.of(Path.of("."), new ClusterOptions(), "plan", "--out", "p.json"));
    assertEquals(
        List.of("sanctl", "backup", "run"),
        Arrays.asList(Invocation.of(Path.of(""), null, "backup run").split(" ")));
  }
}
