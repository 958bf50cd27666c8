package dev.sanctl.cli.templates;

import dev.sanctl.cli.templates.TemplateHarness.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one job of a GitLab CI file the way the shell executor does, in the harness: {@code
 * before_script} and {@code script} in one {@code bash} with {@code set -eo pipefail}, the job's
 * {@code variables} and the predefined merge-request variables; File variables are written to files
 * and passed as their paths. {@code curl} is a stub of the merge-request notes API (notes kept in
 * {@link #notes}) that refuses a request whose token is not read from a file ({@code --header @f}).
 */
final class GitLabJobRun {
  static final String TOKEN = "glpat-secret-token";

  final TemplateHarness h;
  final Map<String, String> variables = new LinkedHashMap<>();
  final Map<String, String> fileVariables = new LinkedHashMap<>();
  final Path notes;
  final Path calls;

  GitLabJobRun(TemplateHarness h) throws IOException {
    this.h = h;
    notes = h.tmp.resolve("mr-notes.json");
    calls = h.tmp.resolve("curl-calls.log");
    variables.put("SANCTL_API_TOKEN", TOKEN);
    variables.put("CI_PIPELINE_SOURCE", "merge_request_event");
    variables.put("CI_API_V4_URL", "https://gitlab.example.edu/api/v4");
    variables.put("CI_PROJECT_ID", "42");
    variables.put("CI_MERGE_REQUEST_IID", "7");
    TemplateHarness.executable(h.bin.resolve("curl"), CURL_STUB);
  }

  /** Runs the job; its rule must select merge request pipelines. */
  @SuppressWarnings("unchecked")
  Shell run(Path file, String job) throws Exception {
    Map<String, Object> root = (Map<String, Object>) TemplateHarness.yaml(file);
    Map<String, Object> j = (Map<String, Object>) root.get(job);
    List<Map<String, Object>> rules = (List<Map<String, Object>>) j.get("rules");
    if (!rules.get(0).get("if").equals("$CI_PIPELINE_SOURCE == \"merge_request_event\"")) {
      throw new AssertionError("the harness cannot evaluate the rules " + rules);
    }
    StringBuilder script = new StringBuilder("set -eo pipefail\n");
    for (String key : List.of("before_script", "script")) {
      for (Object line : (List<Object>) j.getOrDefault(key, List.of())) {
        script.append(line).append('\n');
      }
    }
    Path sh = h.tmp.resolve("gitlab-job.sh");
    Files.writeString(sh, script);
    Map<String, String> env = h.baseEnv();
    ((Map<String, Object>) j.getOrDefault("variables", Map.of()))
        .forEach((k, v) -> env.put(k, String.valueOf(v)));
    env.putAll(variables);
    for (var f : fileVariables.entrySet()) {
      Path p = h.tmp.resolve("file-variable-" + f.getKey());
      Files.writeString(p, f.getValue());
      env.put(f.getKey(), p.toString());
    }
    env.put("NOTES", notes.toString());
    env.put("CALLS", calls.toString());
    env.put("EXPECTED_TOKEN", TOKEN);
    return TemplateHarness.run(h.workspace, env, List.of("bash", sh.toString()));
  }

  String notesJson() throws IOException {
    return Files.exists(notes) ? Files.readString(notes) : "[]";
  }

  private static final String CURL_STUB =
      """
      #!/bin/bash
      # curl stub: the GitLab merge-request notes API, kept in $NOTES
      method=GET; data=; url=; auth=no
      while [ $# -gt 0 ]; do
        case "$1" in
          -s|-f|-sf) ;;
          -X) method=$2; shift;;
          --header|-H)
            case "$2" in
              @*) grep -qx "PRIVATE-TOKEN: $EXPECTED_TOKEN" "${2#@}" && auth=yes;;
              *PRIVATE-TOKEN*) echo "curl stub: the token is in the argument vector" >&2; exit 2;;
            esac
            shift;;
          --data|-d) data=$2; shift;;
          -*) echo "curl stub: unknown option $1" >&2; exit 2;;
          *) url=$1;;
        esac
        shift
      done
      [ "$auth" = yes ] || { echo "curl stub: 401 Unauthorized" >&2; exit 22; }
      case "$data" in @*) data=$(cat "${data#@}");; esac
      printf '%s %s\\n' "$method" "$url" >> "$CALLS"
      [ -f "$NOTES" ] || echo '[]' > "$NOTES"
      case "$method" in
        GET) cat "$NOTES";;
        POST) jq --argjson b "$data" '. + [{id: (length + 1), body: $b.body}]' "$NOTES" > "$NOTES.new";;
        PUT) jq --argjson b "$data" --argjson id "${url##*/}" \\
               'map(if .id == $id then .body = $b.body else . end)' "$NOTES" > "$NOTES.new";;
      esac
      [ ! -f "$NOTES.new" ] || mv "$NOTES.new" "$NOTES"
      """;
}
