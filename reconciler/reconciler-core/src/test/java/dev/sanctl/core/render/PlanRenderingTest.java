package dev.sanctl.core.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Impact;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.Test;

/** Every scenario rendered three times and approved. */
class PlanRenderingTest {
  static Options as(String extension) {
    return new Options().withReporter(new QuietReporter()).forFile().withExtension(extension);
  }

  static void noSecret(String rendered) {
    assertFalse(rendered.contains(RichPlans.SECRET), "a secret reached the rendered plan");
  }

  @Test
  void richPlanText() {
    String s = new TextRenderer(false).render(RichPlans.rich());
    noSecret(s);
    assertFalse(s.contains("\u001b["), "no colour when not asked");
    Approvals.verify(s, as(".txt"));
  }

  @Test
  void richPlanTextInColour() {
    String s = new TextRenderer(true).render(RichPlans.rich());
    noSecret(s);
    assertTrue(s.contains("\u001b[32m3 to add\u001b[0m"));
    Approvals.verify(s, as(".ansi.txt"));
  }

  @Test
  void richPlanMarkdown() {
    String s = new MarkdownRenderer().render(RichPlans.rich());
    noSecret(s);
    Approvals.verify(s, as(".md"));
  }

  @Test
  void richPlanJson() {
    String s = new JsonRenderer().render(RichPlans.rich());
    noSecret(s);
    Approvals.verify(s, as(".json"));
  }

  @Test
  void noChangesText() {
    Approvals.verify(new TextRenderer(false).render(RichPlans.none()), as(".txt"));
  }

  @Test
  void noChangesMarkdown() {
    Approvals.verify(new MarkdownRenderer().render(RichPlans.none()), as(".md"));
  }

  @Test
  void noChangesJson() {
    Approvals.verify(new JsonRenderer().render(RichPlans.none()), as(".json"));
  }

  /**
   * A plan whose only content is an error (a volume group active on two nodes, seen on real guests
   * by the kernel tier's SplitBrainKernelTest) must not end with "Storage matches the desired
   * state": the group was not compared.
   */
  @Test
  void anErrorWithoutChangesIsNotReportedAsMatching() {
    Plan plan =
        new Plan(
            "rev",
            "digest",
            java.util.List.of("sb1", "sb2"),
            java.util.Map.of(),
            java.util.Map.of(),
            java.util.List.of(),
            java.util.List.of(
                dev.sanctl.spi.provider.Finding.error(
                        dev.sanctl.spi.provider.ResourceAddress.cluster("lvm", "group", "vg0"),
                        "volume group vg0 is active on sb1 and sb2 (split brain)",
                        "deactivate it on all but one node",
                        null)
                    .on("sb1")),
            java.util.List.of());
    for (String s :
        java.util.List.of(
            new TextRenderer(false).render(plan), new MarkdownRenderer().render(plan))) {
      assertFalse(s.contains("Storage matches the desired state"), s);
      assertTrue(
          s.contains(
              "No changes planned; the objects named in the errors above are left as they are."),
          s);
    }
  }

  @Test
  void largeMarkdownStaysUnderGitHubsLimitWithSummaryAndDestroyListIntact() {
    Plan plan = RichPlans.large(5000);
    String s = new MarkdownRenderer().render(plan);
    assertTrue(s.length() < MarkdownRenderer.GITHUB_LIMIT, "length " + s.length());
    assertTrue(s.endsWith("\n**" + plan.summary().line() + "**\n"));
    assertTrue(s.contains("Details truncated"));
    for (Change c : plan.changes()) {
      if (c.impact() == Impact.DESTRUCTIVE) {
        assertTrue(
            s.contains("> - **destructive**: `" + c.address() + "` will be destroyed"),
            c.address());
      }
    }
    Approvals.verify(s, as(".md"));
  }
}
