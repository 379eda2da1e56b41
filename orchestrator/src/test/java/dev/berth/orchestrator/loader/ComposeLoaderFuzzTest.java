package dev.berth.orchestrator.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input never crashes the loader: mutated, truncated, deeply nested, alias-bombed and
 * binary documents either load or fail with a readable {@link BerthException}.
 */
class ComposeLoaderFuzzTest {
  private static final String ALPHABET = ":-[]{}&*!|>'\"%@`#,?<=$\\\n\t ~0123456789abcxyz";

  @TempDir Path dir;

  @Test
  void load_mutatedFiles_loadOrFailReadably() throws IOException {
    String seed = resource("/compose/rich_project.yaml");
    Random random = new Random(20261127L);
    List<String> crashes = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String input = mutate(seed, random);
      check(input, crashes);
    }
    assertThat(crashes).isEmpty();
  }

  @Test
  void load_mutatedConformanceFiles_loadOrFailReadably() throws IOException {
    List<Path> seeds = new ArrayList<>();
    try (var files = Files.walk(ConformanceSuiteTest.suiteDir().resolve("cases"))) {
      files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .forEach(seeds::add);
    }
    Random random = new Random(42);
    List<String> crashes = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Path seed = seeds.get(random.nextInt(seeds.size()));
      check(seed.getParent(), mutate(Files.readString(seed), random), crashes);
    }
    assertThat(crashes).isEmpty();
  }

  @Test
  void load_craftedHostileDocuments_failReadably() {
    List<String> crashes = new ArrayList<>();
    List<String> hostile =
        List.of(
            "[".repeat(100_000),
            "a:\n" + "  a:\n".repeat(1) + nestedMaps(5_000),
            "x: " + "{a: ".repeat(20_000) + "1" + "}".repeat(20_000),
            billionLaughs(),
            "a: &a [*a]\nservices: {}",
            "x-a: &a\n  b:\n    <<: *a\nservices:\n  s:\n    image: x\n",
            "services:\n  s: &s\n    image: x\n    <<: *s\n",
            "\u0000\u0001\u0002binary\uFFFF",
            "services:\n  s:\n    image: " + "x".repeat(1_000_000) + "\n",
            "---\n".repeat(10_000),
            "services: !reset\n",
            "services:\n  s:\n    image: ${A:?missing A}\n",
            "services:\n  s:\n    image: ${\n",
            "services:\n  s:\n    extends: s\n",
            "services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n",
            "name: \"???\"\nservices:\n  s:\n    image: x\n",
            "123: x\n",
            "- a\n- b\n");
    for (String h : hostile) {
      check(h, crashes);
    }
    byte[] junk = new byte[4096];
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      random.nextBytes(junk);
      check(new String(junk, StandardCharsets.ISO_8859_1), crashes);
    }
    assertThat(crashes).isEmpty();
  }

  @Test
  void load_aliasBomb_isRejectedWithALocatedMessage() {
    var error = loadError(billionLaughs());
    assertThat(error).isNotNull();
    assertThat(error.getMessage()).contains("-:").contains("alias bomb");
  }

  private void check(String input, List<String> crashes) {
    check(dir, input, crashes);
  }

  private void check(Path cwd, String input, List<String> crashes) {
    try {
      BerthException e = loadError(cwd, input);
      if (e != null) {
        String m = e.getMessage();
        if (m == null
            || m.isBlank()
            || m.contains("Exception")
            || m.contains("java.")
            || m.length() > 4000) {
          crashes.add("unreadable error \"" + m + "\" for: " + abbreviate(input));
        }
      }
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      crashes.add(e + " for: " + abbreviate(input));
    }
  }

  private BerthException loadError(String input) {
    return loadError(dir, input);
  }

  private BerthException loadError(Path cwd, String input) {
    LoadRequest req =
        new LoadRequest(
            cwd,
            Map.of("HOME", dir.toString()),
            List.of("-"),
            "fuzz",
            null,
            List.of(),
            List.of(),
            List.of(),
            Set.of(),
            input);
    try {
      var project = ComposeLoader.load(req).project();
      // what loads must also render
      dev.berth.orchestrator.loader.render.ConfigRenderer.yaml(project.tree());
      dev.berth.orchestrator.loader.render.ConfigRenderer.json(project.tree());
      return null;
    } catch (BerthException e) {
      return e;
    }
  }

  private static String mutate(String seed, Random random) {
    StringBuilder sb = new StringBuilder(seed);
    int ops = 1 + random.nextInt(6);
    for (int k = 0; k < ops && sb.length() > 0; k++) {
      int at = random.nextInt(sb.length());
      switch (random.nextInt(6)) {
        case 0 -> sb.setLength(at);
        case 1 -> sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 2 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 3 -> sb.deleteCharAt(at);
        case 4 -> {
          int end = Math.min(sb.length(), at + random.nextInt(80));
          sb.insert(at, sb.substring(at, end));
        }
        default -> sb.insert(at, "  ");
      }
    }
    return sb.toString();
  }

  private static String nestedMaps(int depth) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      sb.append("  ".repeat(i + 2)).append("a:\n");
    }
    return sb.toString();
  }

  private static String billionLaughs() {
    StringBuilder sb = new StringBuilder("x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      sb.append("x-").append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        sb.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      sb.append("]\n");
      prev = c;
    }
    return sb.append("services:\n  s:\n    image: x\n").toString();
  }

  private static String abbreviate(String s) {
    String t = s.length() > 300 ? s.substring(0, 300) + "..." : s;
    return t.replace("\n", "\\n");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ComposeLoaderFuzzTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static void write(Path p, String s) throws IOException {
    Files.writeString(p, s);
  }
}
