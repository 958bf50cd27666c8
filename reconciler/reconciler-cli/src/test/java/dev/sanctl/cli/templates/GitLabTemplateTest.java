package dev.sanctl.cli.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.templates.TemplateHarness.Shell;
import dev.sanctl.core.plan.PlanJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ci/gitlab/sanctl-plan.gitlab-ci.yml} as shipped: included from the config repository's
 * {@code .gitlab-ci.yml} as its comment says, its job run by {@link GitLabJobRun} on a merge
 * request, against a simulated cluster.
 */
class GitLabTemplateTest {
  static final Path TEMPLATE = TemplateHarness.CI.resolve("gitlab/sanctl-plan.gitlab-ci.yml");
  static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n";

  @TempDir Path tmp;
  TemplateHarness h;
  GitLabJobRun gl;
  String includePath;

  @BeforeEach
  void setUp() throws Exception {
    h = new TemplateHarness(tmp);
    gl = new GitLabJobRun(h);
    gl.fileVariables.put("SANCTL_SSH_KEY", KEY);
    gl.fileVariables.put("SANCTL_KNOWN_HOSTS", "[127.0.0.1]:22 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5\n");
    String include =
        Files.readAllLines(TEMPLATE).stream()
            .filter(l -> l.matches("#\\s+- local: .*"))
            .findFirst()
            .orElseThrow()
            .replaceFirst("#\\s+- local: (\\S+).*", "$1");
    includePath = include;
    h.main(
        "cluster.yaml",
        h.clusterYaml(),
        "lvm.yaml",
        TemplateHarness.volumes("base: {size: 32M}"),
        ".gitlab-ci.yml",
        "include:\n  - local: " + include + "\n",
        include,
        Files.readString(TEMPLATE));
    h.simInit();
  }

  @Test
  void aMergeRequestGetsOneNoteAndTheArtifactsFromOnePlanWithTheTemplateInTheRepository()
      throws Exception {
    h.pullRequest("add lun_a", "lvm.yaml", volumes("lun_a: {size: 64M}"));
    Shell job = gl.run(h.workspace.resolve(includePath), "sanctl-plan");
    assertEquals(0, job.exit(), job.output());

    assertEquals(1, h.invocations().stream().filter(i -> i.contains(" plan ")).count());
    PlanJson.Saved saved = PlanJson.read(Files.readString(h.workspace.resolve("plan.json")));
    JsonNode notes = JsonMapper.builder().build().readTree(gl.notesJson());
    assertEquals(1, notes.size(), notes.toString());
    String body = notes.get(0).get("body").asString();
    assertTrue(body.startsWith("<!-- sanctl-plan -->\n"), body);
    assertEquals(Files.readString(h.workspace.resolve("plan.md")).strip(), body.substring(21));
    assertFalse(saved.changes().isEmpty());
    saved.changes().keySet().forEach(a -> assertTrue(body.contains(a), a + "\n" + body));

    h.pullRequest("lun_a bigger", "lvm.yaml", volumes("lun_a: {size: 128M}"));
    assertEquals(0, gl.run(h.workspace.resolve(includePath), "sanctl-plan").exit());
    notes = JsonMapper.builder().build().readTree(gl.notesJson());
    assertEquals(1, notes.size(), "the one note is updated: " + notes);
    assertFalse(notes.get(0).get("body").asString().equals(body));
    assertTrue(Files.readString(gl.calls).contains("PUT https://gitlab.example.edu/api/v4/"));
  }

  @Test
  void aMergeRequestThatFailsValidationGetsTheMessagesAsItsNoteAndFails() throws Exception {
    h.pullRequest("typo", "lvm.yaml", volumes("lun_a: {sise: 64M}"));
    Shell job = gl.run(h.workspace.resolve(includePath), "sanctl-plan");
    assertEquals(1, job.exit(), job.output());
    assertTrue(h.invocations().stream().noneMatch(i -> i.contains(" plan ")));
    JsonNode notes = JsonMapper.builder().build().readTree(gl.notesJson());
    assertEquals(1, notes.size(), notes.toString());
    String body = notes.get(0).get("body").asString();
    assertTrue(body.contains("sanctl validate failed") && body.contains("lvm.yaml:"), body);
    assertTrue(body.contains("sise"), body);
  }

  @Test
  void theKeyAndKnownHostsAreInstalledWhereSanctlLooks() throws Exception {
    h.pullRequest("add lun_a", "lvm.yaml", volumes("lun_a: {size: 64M}"));
    assertEquals(0, gl.run(h.workspace.resolve(includePath), "sanctl-plan").exit());
    Shell real =
        TemplateHarness.run(
            h.workspace,
            h.baseEnv(),
            List.of(h.bin.resolve("sanctl-real").toString(), "-C", ".", "plan"));
    assertEquals(4, real.exit(), real.output());
    assertFalse(real.output().contains("missing or unreadable"), real.output());
    assertEquals(KEY, Files.readString(h.home.resolve(".ssh/id_ed25519")));
  }

  private static String volumes(String line) {
    return TemplateHarness.volumes("base: {size: 32M}", line);
  }
}
