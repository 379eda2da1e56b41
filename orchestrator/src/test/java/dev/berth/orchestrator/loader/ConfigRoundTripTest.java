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
