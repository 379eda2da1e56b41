package dev.berth.orchestrator.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the third-party conformance suite (cases, tables, real-world projects) in this JVM and holds
 * the pass count to a ratchet: {@code conformance/passing.txt} lists what must keep passing.
 */
class ConformanceSuiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void conformanceSuite_passesEveryRatchetedCase() throws IOException {
    Path suite = suiteDir();
    Set<String> known = knownIssues(suite.resolve("KNOWN-ISSUES.md"));
    Map<String, String> believedWrong = believedWrong();
    Map<String, String> failures = new TreeMap<>();
    Set<String> passed = new TreeSet<>();
    List<String> ids = new ArrayList<>();

    for (Map.Entry<String, CaseRunner.Outcome> e : runAll(suite).entrySet()) {
      ids.add(e.getKey());
      if (e.getValue().passed()) {
        passed.add(e.getKey());
      } else {
        failures.put(e.getKey(), e.getValue().reason());
      }
    }

    Set<String> ratchet = ratchet();
    List<String> regressions = new ArrayList<>();
    for (String id : ratchet) {
      if (!passed.contains(id)) {
        regressions.add(id + ": " + failures.getOrDefault(id, "not run"));
      }
    }
    List<String> newlyPassing = new ArrayList<>();
    for (String id : passed) {
      if (!ratchet.contains(id)) {
        newlyPassing.add(id);
      }
    }
    int knownPassed = 0;
    int knownFailed = 0;
    int failed = 0;
    int wrongFailed = 0;
    for (String id : ids) {
      boolean ok = passed.contains(id);
      if (believedWrong.containsKey(id) && !ok) {
        wrongFailed++;
      } else if (known.contains(id)) {
        if (ok) {
          knownPassed++;
        } else {
          knownFailed++;
        }
      } else if (!ok) {
        failed++;
      }
    }
    int countedPassed = passed.size() - knownPassed;
    int passTarget = ids.size() - known.size() - believedWrong.size();
    StringBuilder report = new StringBuilder();
    report
        .append(countedPassed)
        .append(" passed, ")
        .append(failed)
        .append(" failed (")
        .append(ids.size())
        .append(" run; known issues counted apart: ")
        .append(knownFailed)
        .append(" failed, ")
        .append(knownPassed)
        .append(" passed; believed wrong (see DEVIATIONS.md): ")
        .append(wrongFailed)
        .append("; pass target ")
        .append(passTarget)
        .append(")\n\n");
    report.append("newly passing (add to passing.txt):\n");
    newlyPassing.forEach(id -> report.append("  ").append(id).append('\n'));
    report.append("\nfailures:\n");
    failures.forEach(
        (id, why) ->
            report
                .append(
                    known.contains(id)
                        ? "  [known] "
                        : believedWrong.containsKey(id) ? "  [believed wrong] " : "  ")
                .append(id)
                .append(": ")
                .append(why.replace("\n", "\n      "))
                .append('\n'));
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.writeString(target.resolve("conformance-report.txt"), report, StandardCharsets.UTF_8);
    Files.writeString(
        target.resolve("conformance-passing.txt"),
        String.join("\n", passed) + "\n",
        StandardCharsets.UTF_8);
    System.out.println(report.substring(0, report.indexOf("\n")));

    assertThat(known).as("KNOWN-ISSUES.md lists cases").isNotEmpty();
    assertThat(knownPassed + knownFailed).as("known issues are run and counted apart").isPositive();
    assertThat(regressions).as("ratcheted conformance cases that now fail").isEmpty();
    assertThat(believedWrong.keySet())
        .as("believed-wrong entries exist in the suite")
        .isSubsetOf(ids);
  }

  private static Map<String, CaseRunner.Outcome> runAll(Path suite) throws IOException {
    Map<String, CaseRunner.Outcome> out = new LinkedHashMap<>();
    try (Stream<Path> cases = Files.list(suite.resolve("cases"))) {
      for (Path c : cases.sorted().toList()) {
        out.put(c.getFileName().toString(), CaseRunner.runCase(c));
      }
    }
    out.putAll(TableRunner.runAll(suite.resolve("tables")));
    JsonNode index = JSON.readTree(suite.resolve("realworld/index.json").toFile());
    for (JsonNode entry : index) {
      String name = entry.get("name").asText();
      out.put("realworld/" + name, CaseRunner.runRealWorld(suite.resolve("realworld"), entry));
    }
    return out;
  }

  static Path suiteDir() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("../shared/conformance").normalize();
      if (Files.isDirectory(candidate.resolve("cases"))
          && Files.exists(d.resolve("pom.xml"))
          && !Files.exists(d.resolve("../pom.xml"))) {
        return candidate;
      }
    }
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("../shared/conformance").normalize();
      if (Files.isDirectory(candidate.resolve("cases"))) {
        return candidate;
      }
    }
    throw new AssertionError(
        "conformance suite not found: expected ../shared/conformance next to the repository root"
            + " (looked upwards from "
            + dir
            + ")");
  }

  private static Set<String> knownIssues(Path file) throws IOException {
    Set<String> out = new TreeSet<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.startsWith("| case")) {
        continue;
      }
      String first = line.split("\\|")[1];
      for (String id : first.split(",")) {
        if (id.strip().startsWith("case-")) {
          out.add(id.strip());
        }
      }
    }
    return out;
  }

  private static Map<String, String> believedWrong() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (var in =
        ConformanceSuiteTest.class.getResourceAsStream("/conformance/believed-wrong.txt")) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int bar = line.indexOf('|');
        out.put(line.substring(0, bar).strip(), line.substring(bar + 1).strip());
      }
    }
    return out;
  }

  private static Set<String> ratchet() throws IOException {
    Set<String> out = new TreeSet<>();
    try (var in = ConformanceSuiteTest.class.getResourceAsStream("/conformance/passing.txt")) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String id = line.strip();
        if (!id.isEmpty() && !id.startsWith("#")) {
          out.add(id);
        }
      }
    }
    return out;
  }
}
