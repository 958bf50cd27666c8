package dev.sanctl.cli.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.templates.GitHubActionsRun.Step;
import dev.sanctl.cli.templates.TemplateHarness.Shell;
import dev.sanctl.core.plan.PlanJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ci/github/sanctl-plan.yml} as shipped: its steps run by {@link GitHubActionsRun} on a pull
 * request of a config repository, against a simulated cluster.
 */
class GitHubWorkflowTemplateTest {
  static final Path WORKFLOW = TemplateHarness.CI.resolve("github/sanctl-plan.yml");
  static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n-----END";

  @TempDir Path tmp;
  TemplateHarness h;
  GitHubActionsRun gh;

  @BeforeEach
  void setUp() throws Exception {
    h = new TemplateHarness(tmp);
    gh = new GitHubActionsRun(h);
    gh.secrets.put("SANCTL_SSH_KEY", KEY);
    gh.secrets.put("SANCTL_KNOWN_HOSTS", "[127.0.0.1]:22 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA");
    h.main(
        "cluster.yaml",
        h.clusterYaml(),
        "lvm.yaml",
        TemplateHarness.volumes("base: {size: 32M}"),
        ".github/workflows/sanctl-plan.yml",
        Files.readString(WORKFLOW));
    h.simInit();
  }

  @Test
  void aPullRequestGetsOneCommentAndOneArtifactFromOnePlan() throws Exception {
    h.pullRequest(
        "add lun_a",
        "lvm.yaml",
        TemplateHarness.volumes("base: {size: 32M}", "lun_a: {size: 64M}"));
    List<Step> steps = gh.run(WORKFLOW, "plan");
    steps.forEach(s -> assertTrue(s.ran() && s.exit() == 0, s.toString()));

    List<String> plans = h.invocations().stream().filter(i -> i.contains(" plan ")).toList();
    assertEquals(1, plans.size(), "the cluster is observed once: " + h.invocations());
    Path artifact = gh.artifacts.resolve("sanctl-plan-7/plan.json");
    PlanJson.Saved saved = PlanJson.read(Files.readString(artifact));
    JsonNode comments = JsonMapper.builder().build().readTree(gh.commentsJson());
    assertEquals(1, comments.size(), comments.toString());
    String body = comments.get(0).get("body").asString();
    assertTrue(body.startsWith("<!-- sanctl-plan -->\n"), body);
    assertFalse(saved.changes().isEmpty());
    for (String address : saved.changes().keySet()) {
      assertTrue(body.contains(address), address + " planned but not in the comment:\n" + body);
    }

    h.pullRequest(
        "lun_a bigger",
        "lvm.yaml",
        TemplateHarness.volumes("base: {size: 32M}", "lun_a: {size: 128M}"));
    gh.run(WORKFLOW, "plan").forEach(s -> assertEquals(0, s.exit(), s.toString()));
    comments = JsonMapper.builder().build().readTree(gh.commentsJson());
    assertEquals(1, comments.size(), "the one comment is updated: " + comments);
    String updated = comments.get(0).get("body").asString();
    assertTrue(!updated.equals(body) && updated.contains("lun_a"), updated);
  }

  @Test
  void aPullRequestThatFailsValidationGetsTheMessagesAsItsComment() throws Exception {
    h.pullRequest(
        "typo", "lvm.yaml", TemplateHarness.volumes("base: {size: 32M}", "lun_a: {sise: 64M}"));
    List<Step> steps = gh.run(WORKFLOW, "plan");
    Step validate = steps.stream().filter(s -> s.name().equals("validate")).findFirst().get();
    assertEquals(1, validate.exit(), validate.toString());
    assertTrue(validate.output().contains("lvm.yaml:"), validate.output());
    assertTrue(steps.stream().noneMatch(s -> s.name().equals("plan") && s.ran()));
    assertTrue(h.invocations().stream().noneMatch(i -> i.contains(" plan ")));
    JsonNode comments = JsonMapper.builder().build().readTree(gh.commentsJson());
    assertEquals(1, comments.size(), comments.toString());
    String body = comments.get(0).get("body").asString();
    assertTrue(body.contains("sanctl validate failed"), body);
    assertTrue(body.contains("lvm.yaml:") && body.contains("sise"), body);
    assertFalse(Files.exists(gh.artifacts.resolve("sanctl-plan-7/plan.json")));
  }

  @Test
  void theSecretsAreWrittenWhereSanctlLooksForTheKeyAndKnownHosts() throws Exception {
    h.pullRequest(
        "add lun_a",
        "lvm.yaml",
        TemplateHarness.volumes("base: {size: 32M}", "lun_a: {size: 64M}"));
    Shell before = realPlan();
    assertTrue(before.output().contains("is missing or unreadable"), before.output());

    gh.run(WORKFLOW, "plan").forEach(s -> assertEquals(0, s.exit(), s.toString()));

    Shell after = realPlan();
    assertEquals(4, after.exit(), after.output());
    assertFalse(after.output().contains("missing or unreadable"), after.output());
    assertTrue(after.output().contains("san-a"), after.output());
    Path key = h.home.resolve(".ssh/id_ed25519");
    assertEquals(KEY + "\n", Files.readString(key));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
  }

  /** {@code sanctl plan} over SSH (no simulator), as on the runner. */
  private Shell realPlan() throws Exception {
    Map<String, String> env = h.baseEnv();
    return TemplateHarness.run(
        h.workspace, env, List.of(h.bin.resolve("sanctl-real").toString(), "-C", ".", "plan"));
  }
}
