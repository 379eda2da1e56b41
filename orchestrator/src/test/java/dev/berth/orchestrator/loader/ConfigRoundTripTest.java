package dev.berth.orchestrator.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code berth config} output is itself a compose file: loading it again gives the same output
 * (after the first round, which may drop empty values). Run over the real-world projects.
 */
class ConfigRoundTripTest {

  @Test
  void configOutput_reloadsToTheSameOutput() throws Exception {
    Path root = ConformanceSuiteTest.suiteDir().resolve("realworld");
    JsonNode index = new ObjectMapper().readTree(root.resolve("index.json").toFile());
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (JsonNode entry : index) {
      if (entry.get("name").asText().equals("e2e-testdata-TestConfigFromEnv")) {
        // the reference fills `content` for configs read from the environment and keeps
        // `environment`; its own loader then rejects the pair, and so does berth's
        continue;
      }
      Path dir = root.resolve(entry.get("name").asText());
      Map<String, String> env = new LinkedHashMap<>();
      entry.path("variables").forEach(v -> env.put(v.asText(), "value"));
      CaseRunner.Run first =
          CaseRunner.berth(
              dir, env, List.of("-p", "rt", "-f", entry.get("file").asText(), "config"), null);
      if (first.code() != 0) {
        continue;
      }
      String second = reload(dir, env, first.out(), problems, entry);
      String third = second == null ? null : reload(dir, env, second, problems, entry);
      if (second != null && third != null && !second.equals(third)) {
        problems.add(entry.get("name").asText() + ": output changes on reload");
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(100);
    assertThat(problems).isEmpty();
  }

  @Test
  void configOutput_ofConformanceInputs_reloadsToTheSameOutput() throws Exception {
    Path cases = ConformanceSuiteTest.suiteDir().resolve("cases");
    ObjectMapper json = new ObjectMapper();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    try (var dirs = java.nio.file.Files.list(cases)) {
      for (Path dir : dirs.sorted().toList()) {
        JsonNode spec = json.readTree(dir.resolve("case.json").toFile());
        if (!"load".equals(spec.path("mode").asText()) || spec.path("files").isEmpty()) {
          continue;
        }
        Map<String, String> env = new LinkedHashMap<>();
        spec.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        List<String> args = new ArrayList<>(List.of("-p", "rt"));
        spec.path("files").forEach(f -> args.addAll(List.of("-f", f.asText())));
        args.addAll(List.of("config", "--no-consistency"));
        CaseRunner.Run first = CaseRunner.berth(dir, env, args, null);
        if (first.code() != 0) {
          continue;
        }
        JsonNode entry = json.createObjectNode().put("name", dir.getFileName().toString());
        String second = reload(dir, env, first.out(), problems, entry);
        String third = second == null ? null : reload(dir, env, second, problems, entry);
        if (second != null && third != null && !second.equals(third)) {
          problems.add(dir.getFileName() + ": output changes on reload");
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
    assertThat(problems).isEmpty();
  }

  private static String reload(
      Path dir, Map<String, String> env, String yaml, List<String> problems, JsonNode entry) {
    CaseRunner.Run run =
        CaseRunner.berth(
            dir,
            env,
            List.of(
                "-p",
                "rt",
                "-f",
                "-",
                "--project-directory",
                dir.toString(),
                "config",
                "--no-consistency"),
            yaml);
    if (run.code() != 0) {
      problems.add(entry.get("name").asText() + ": " + run.err().strip());
      return null;
    }
    return run.out();
  }
}
