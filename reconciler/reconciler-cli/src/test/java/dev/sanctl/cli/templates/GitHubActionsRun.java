package dev.sanctl.cli.templates;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sanctl.cli.templates.TemplateHarness.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one job of a GitHub Actions workflow file the way a runner does, in the harness: {@code
 * run:} steps with {@code bash -e} and the job's and step's {@code env} (secrets from {@link
 * #secrets}); {@code actions/checkout} is the harness's checkout; {@code actions/upload-artifact}
 * copies its {@code path} to {@link #artifacts}; {@code actions/github-script} runs its script with
 * node against a recording stub of the GitHub API (comments kept in {@link #comments}). {@code if:}
 * supports {@code always()}, {@code success()}, {@code failure()} and {@code hashFiles('f') != ''}
 * joined by {@code &&}; anything else fails the test, as does a {@code ${{ }}} expression inside a
 * shell script (values reach scripts through {@code env} only).
 */
final class GitHubActionsRun {
  /** One step: whether it ran, its exit code and output. */
  record Step(String name, boolean ran, int exit, String output) {}

  private static final Pattern EXPR = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");
  private static final Pattern HASH_FILES = Pattern.compile("hashFiles\\('([^']+)'\\)\\s*!=\\s*''");

  final TemplateHarness h;
  final Map<String, String> secrets = new LinkedHashMap<>();
  final int pullRequest = 7;
  final Path artifacts;
  final Path comments;

  GitHubActionsRun(TemplateHarness h) throws IOException {
    this.h = h;
    artifacts = Files.createDirectories(h.tmp.resolve("artifacts"));
    comments = h.tmp.resolve("pr-comments.json");
  }

  /** Runs the job's steps in order; a failed step skips the later ones unless their if says so. */
  @SuppressWarnings("unchecked")
  List<Step> run(Path workflow, String job) throws Exception {
    Map<String, Object> root = (Map<String, Object>) TemplateHarness.yaml(workflow);
    Map<String, Object> j = (Map<String, Object>) ((Map<String, Object>) root.get("jobs")).get(job);
    Map<String, String> jobEnv = strings((Map<String, Object>) j.get("env"));
    Path output = h.tmp.resolve("github-output");
    List<Step> done = new ArrayList<>();
    boolean failed = false;
    for (Map<String, Object> s : (List<Map<String, Object>>) j.get("steps")) {
      String name = String.valueOf(s.getOrDefault("name", s.get("uses")));
      if (!condition((String) s.get("if"), failed)) {
        done.add(new Step(name, false, 0, ""));
        continue;
      }
      Map<String, String> env = h.baseEnv();
      env.putAll(jobEnv);
      env.putAll(strings((Map<String, Object>) s.get("env")));
      env.put("GITHUB_OUTPUT", output.toString());
      env.put("GITHUB_WORKSPACE", h.workspace.toString());
      Shell r;
      if (s.containsKey("run")) {
        String script = (String) s.get("run");
        assertFalse(script.contains("${{"), name + ": an expression inside a shell script");
        Path file = h.tmp.resolve("step-" + done.size() + ".sh");
        Files.writeString(file, script);
        r = TemplateHarness.run(h.workspace, env, List.of("bash", "-e", file.toString()));
      } else {
        r = uses((String) s.get("uses"), strings((Map<String, Object>) s.get("with")), env);
      }
      done.add(new Step(name, true, r.exit(), r.output()));
      failed |= r.exit() != 0;
    }
    return done;
  }

  private Shell uses(String action, Map<String, String> with, Map<String, String> env)
      throws Exception {
    if (action.startsWith("actions/checkout@")) return new Shell(0, "");
    if (action.startsWith("actions/upload-artifact@")) {
      Path f = h.workspace.resolve(with.get("path"));
      if (!Files.exists(f)) {
        boolean ignore = "ignore".equals(with.get("if-no-files-found"));
        return new Shell(ignore ? 0 : 1, "no files found: " + f);
      }
      Path dir = Files.createDirectories(artifacts.resolve(with.get("name")));
      Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      return new Shell(0, "");
    }
    if (action.startsWith("actions/github-script@")) {
      Path js = h.tmp.resolve("github-script.js");
      Files.writeString(js, GITHUB_STUB.replace("SCRIPT", with.get("script")));
      env.put("COMMENTS", comments.toString());
      env.put("PR", String.valueOf(pullRequest));
      return TemplateHarness.run(h.workspace, env, List.of("node", js.toString()));
    }
    throw new AssertionError("the harness does not know the action " + action);
  }

  /** The comments on the pull request: id and body, in order. */
  String commentsJson() throws IOException {
    return Files.exists(comments) ? Files.readString(comments) : "[]";
  }

  private boolean condition(String expr, boolean failed) {
    if (expr == null) return !failed;
    boolean all = true;
    for (String term : expr.split("&&")) {
      String t = term.strip();
      Matcher m = HASH_FILES.matcher(t);
      if (t.equals("always()")) continue;
      else if (t.equals("success()")) all &= !failed;
      else if (t.equals("failure()")) all &= failed;
      else if (m.matches()) all &= Files.exists(h.workspace.resolve(m.group(1)));
      else throw new AssertionError("the harness cannot evaluate if: " + expr);
    }
    return all;
  }

  private Map<String, String> strings(Map<String, Object> map) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map == null) return out;
    map.forEach((k, v) -> out.put(k, expand(String.valueOf(v))));
    return out;
  }

  private String expand(String value) {
    Matcher m = EXPR.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String v;
      if (e.startsWith("secrets.")) v = secrets.getOrDefault(e.substring(8), "");
      else if (e.equals("github.event.pull_request.number")) v = String.valueOf(pullRequest);
      else throw new AssertionError("the harness cannot evaluate ${{ " + e + " }}");
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** actions/github-script's globals: require, context, and github with the issue comment API. */
  private static final String GITHUB_STUB =
      """
      const fs = require('fs');
      const store = process.env.COMMENTS;
      const comments = fs.existsSync(store) ? JSON.parse(fs.readFileSync(store, 'utf8')) : [];
      const save = () => fs.writeFileSync(store, JSON.stringify(comments));
      const github = {
        paginate: async (method, params) => (await method(params)).data,
        rest: {issues: {
          listComments: async (p) => ({data: comments.filter(c => c.issue === p.issue_number)}),
          createComment: async (p) => {
            comments.push({id: comments.length + 1, issue: p.issue_number, body: p.body}); save();
          },
          updateComment: async (p) => {
            comments.find(c => c.id === p.comment_id).body = p.body; save();
          }}}};
      const context = {repo: {owner: 'storage', repo: 'san-config'},
                       issue: {number: Number(process.env.PR)}};
      (async () => {
      SCRIPT
      })().catch(e => { console.error(e); process.exit(1); });
      """;
}
