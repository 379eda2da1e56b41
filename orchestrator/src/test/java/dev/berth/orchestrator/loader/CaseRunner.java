package dev.berth.orchestrator.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.cli.BerthMain;
import dev.berth.orchestrator.cli.HostContext;
import dev.berth.orchestrator.loader.render.ConfigRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one conformance case (or real-world project) in-process and judges the outcome. */
final class CaseRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether a case passed, and why not. */
  record Outcome(boolean passed, String reason) {
    static final Outcome PASS = new Outcome(true, "");

    static Outcome fail(String why) {
      return new Outcome(false, why);
    }
  }

  /** What one in-process berth run printed. */
  record Run(int code, String out, String err) {}

  private CaseRunner() {}

  static Outcome runCase(Path dir) {
    try {
      JsonNode spec = JSON.readTree(dir.resolve("case.json").toFile());
      if ("cli".equals(spec.path("mode").asText())) {
        return runCli(dir, spec);
      }
      return runLoad(dir, spec);
    } catch (Exception | StackOverflowError e) {
      return Outcome.fail("runner crashed: " + e);
    }
  }

  static Outcome runRealWorld(Path root, JsonNode entry) {
    String name = entry.get("name").asText();
    Path dir = root.resolve(name);
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode v : entry.path("required_vars")) {
      env.put(v.asText(), "value");
    }
    Run run = berth(dir, env, List.of("-f", entry.get("file").asText(), "config", "-q"), null);
    boolean mustFail = name.equals("e2e-fixture-wrong-composefile");
    if (mustFail) {
      return run.code != 0 ? Outcome.PASS : Outcome.fail("expected a rejection, it loaded");
    }
    return run.code == 0 ? Outcome.PASS : Outcome.fail(firstLine(run.err));
  }

  private static Outcome runLoad(Path dir, JsonNode spec) throws IOException {
    Map<String, String> env = env(spec.path("env"));
    List<String> files = new ArrayList<>();
    spec.path("files").forEach(f -> files.add(f.asText()));
    String project = spec.hasNonNull("project_name") ? spec.get("project_name").asText() : null;
    List<String> profiles = new ArrayList<>();
    spec.path("profiles").forEach(p -> profiles.add(p.asText()));
    EnumSet<LoadSwitch> switches = switches(spec.path("options"));
    String mode = spec.path("mode").asText();
    if (mode.equals("merge") || mode.equals("unicity") || mode.equals("normalize")) {
      // the reference's merge and normalize tests call those steps alone: no cross-checks
      switches.add(LoadSwitch.NO_CONSISTENCY);
      switches.add(LoadSwitch.NO_ENV_RESOLUTION);
      switches.add(LoadSwitch.NO_VALIDATION);
    }
    LoadRequest req =
        new LoadRequest(
            dir, env, files, project, null, List.of(), profiles, List.of(), switches, null);
    Path errorFile = dir.resolve("expected-error.txt");
    LoadedProject loaded;
    try {
      loaded = ComposeLoader.load(req);
    } catch (BerthException | RuntimeException e) {
      if (Files.exists(errorFile)) {
        return matchError(Files.readString(errorFile), e.getMessage());
      }
      return Outcome.fail("load failed: " + e.getMessage());
    }
    if (Files.exists(errorFile)) {
      return Outcome.fail(
          "expected an error containing \""
              + Files.readString(errorFile).strip()
              + "\", the load succeeded");
    }
    String name = loaded.project().name();
    Path expectedYaml = dir.resolve("expected.yaml");
    if (Files.exists(expectedYaml)) {
      String text = placeholders(Files.readString(expectedYaml), dir, name);
      LoadRequest expectedReq =
          new LoadRequest(
              dir, env, List.of("-"), name, null, List.of(), profiles, List.of(), switches, text);
      LoadedProject expected;
      try {
        expected = ComposeLoader.load(expectedReq);
      } catch (BerthException | RuntimeException e) {
        return Outcome.fail("expected.yaml does not load: " + e.getMessage());
      }
      String a = ConfigRenderer.json(loaded.project().tree());
      String b = ConfigRenderer.json(expected.project().tree());
      if (JSON.readTree(a).equals(JSON.readTree(b))) {
        return Outcome.PASS;
      }
      return Outcome.fail(
          "model differs from expected.yaml\n  got:      "
              + oneLine(a)
              + "\n  expected: "
              + oneLine(b));
    }
    JsonNode actual = JSON.readTree(ConfigRenderer.json(loaded.project().tree()));
    return assertions(dir, name, actual, loaded.environment());
  }

  private static Outcome runCli(Path dir, JsonNode spec) throws IOException {
    JsonNode cli = spec.path("cli");
    Map<String, String> env = env(spec.path("env"));
    Path cwd = dir.resolve(cli.path("cwd").asText(".")).normalize();
    List<String> globals = new ArrayList<>();
    if (cli.has("-p")) {
      globals.add("-p");
      globals.add(cli.get("-p").asText());
    }
    cli.path("-f")
        .forEach(
            f -> {
              globals.add("-f");
              globals.add(f.asText());
            });
    cli.path("--env-file")
        .forEach(
            f -> {
              globals.add("--env-file");
              globals.add(f.asText());
            });
    cli.path("--profile")
        .forEach(
            f -> {
              globals.add("--profile");
              globals.add(f.asText());
            });
    if (cli.has("--project-directory")) {
      globals.add("--project-directory");
      globals.add(cli.get("--project-directory").asText());
    }
    List<String> args = new ArrayList<>();
    cli.path("args").forEach(a -> args.add(a.asText()));
    if (args.isEmpty()) {
      args.add("config");
    }
    List<String> all = new ArrayList<>(globals);
    all.addAll(args);
    Run run = berth(cwd, env, all, null);
    String project = cli.has("-p") ? cli.get("-p").asText() : "";
    Path errorFile = dir.resolve("expected-error.txt");
    if (Files.exists(errorFile)) {
      if (run.code == 0) {
        return Outcome.fail("expected an error, got exit 0");
      }
      return matchError(Files.readString(errorFile), run.err);
    }
    boolean onlyEnvironment =
        Files.exists(dir.resolve("expected.json"))
            && Files.readString(dir.resolve("expected.json")).contains("\"$environment\"");
    if (run.code != 0 && !onlyEnvironment) {
      return Outcome.fail("exit " + run.code + ": " + firstLine(run.err));
    }
    if (project.isEmpty()) {
      project = projectOf(cwd, env, globals);
    }
    Path contains = dir.resolve("expected-contains.txt");
    if (Files.exists(contains)) {
      String want = placeholders(Files.readString(contains), dir, project);
      String w = want.endsWith("\n") ? want.substring(0, want.length() - 1) : want;
      return run.out.contains(w)
          ? Outcome.PASS
          : Outcome.fail("output lacks:\n" + w + "\n  output:\n" + run.out);
    }
    Path yaml = dir.resolve("expected.yaml");
    if (Files.exists(yaml)) {
      String want = placeholders(Files.readString(yaml), dir, project).stripTrailing();
      return run.out.stripTrailing().equals(want)
          ? Outcome.PASS
          : Outcome.fail("output differs:\n" + run.out + "\n  expected:\n" + want);
    }
    JsonNode model = JSON.createObjectNode();
    List<String> jsonArgs = new ArrayList<>(globals);
    jsonArgs.addAll(List.of("config", "--format", "json"));
    Run json = berth(cwd, env, jsonArgs, null);
    if (json.code == 0) {
      model = JSON.readTree(json.out);
    }
    Map<String, String> environment = Map.of();
    try {
      environment = ComposeLoader.environment(request(cwd, env, globals));
    } catch (BerthException e) {
      // assertions on $environment then fail with a reason
    }
    if (args.contains("--services") && model instanceof ObjectNode o) {
      ObjectNode services = JSON.createObjectNode();
      for (String line : run.out.split("\n")) {
        if (!line.isBlank()) {
          services.putObject(line.strip());
        }
      }
      o.set("services", services);
    }
    return assertions(dir, project, model, environment);
  }

  private static LoadRequest request(Path cwd, Map<String, String> env, List<String> globals) {
    List<String> files = new ArrayList<>();
    List<String> envFiles = new ArrayList<>();
    Path projectDir = null;
    String name = null;
    for (int i = 0; i < globals.size(); i += 2) {
      switch (globals.get(i)) {
        case "-f" -> files.add(globals.get(i + 1));
        case "--env-file" -> envFiles.add(globals.get(i + 1));
        case "--project-directory" -> projectDir = Path.of(globals.get(i + 1));
        case "-p" -> name = globals.get(i + 1);
        default -> {}
      }
    }
    return new LoadRequest(
        cwd,
        env,
        files,
        name,
        projectDir,
        envFiles,
        List.of(),
        List.of(),
        EnumSet.noneOf(LoadSwitch.class),
        null);
  }

  private static String projectOf(Path cwd, Map<String, String> env, List<String> globals) {
    try {
      return ComposeLoader.load(request(cwd, env, globals)).project().name();
    } catch (BerthException | RuntimeException e) {
      return "";
    }
  }

  static Run berth(Path cwd, Map<String, String> env, List<String> args, String stdin) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // a case that runs `up` (case-412, a known issue) must not start a real berthd on the host
    Map<String, String> isolated = new java.util.HashMap<>(env);
    isolated.putIfAbsent("BERTH_HOST", "unix:///nonexistent/berth-conformance.sock");
    HostContext host = HostContext.withInput(cwd, isolated, stdin == null ? "" : stdin);
    int code;
    try {
      code =
          BerthMain.run(
              args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), host);
    } catch (RuntimeException | StackOverflowError e) {
      return new Run(99, out.toString(), "crash: " + e);
    }
    return new Run(code, out.toString(), err.toString());
  }

  private static Outcome assertions(
      Path dir, String project, JsonNode actual, Map<String, String> environment)
      throws IOException {
    String text = placeholders(Files.readString(dir.resolve("expected.json")), dir, project);
    JsonNode expected = JSON.readTree(text);
    List<String> problems = new ArrayList<>();
    for (JsonNode a : expected.path("assertions")) {
      JsonNode value = resolve(actual, a.path("path"), environment);
      String p = a.path("path").toString();
      if (a.has("equals")) {
        JsonNode want = a.get("equals");
        if (p.equals("[\"$services\"]") && want.isArray() && value != null) {
          want = sortedArray(want);
          value = sortedArray(value);
        }
        if (!Assertions.matches(want, value)) {
          problems.add(p + ": expected " + a.get("equals") + ", got " + value);
        }
      } else if (a.has("length")) {
        int want = a.get("length").asInt();
        int got = value == null || value.isNull() ? 0 : value.size();
        if (want != got) {
          problems.add(p + ": expected length " + want + ", got " + got + " (" + value + ")");
        }
      } else if (a.has("absent")) {
        if (value != null && !value.isNull()) {
          problems.add(p + ": expected absent, got " + value);
        }
      } else if (a.has("present")) {
        if (value == null || value.isNull()) {
          problems.add(p + ": expected present");
        }
      }
    }
    return problems.isEmpty() ? Outcome.PASS : Outcome.fail(String.join("\n", problems));
  }

  private static JsonNode sortedArray(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(i -> items.add(i.asText()));
    items.sort(null);
    ArrayNode out = JSON.createArrayNode();
    items.forEach(out::add);
    return out;
  }

  private static JsonNode resolve(JsonNode root, JsonNode path, Map<String, String> environment) {
    JsonNode cur = root;
    Iterator<JsonNode> it = path.iterator();
    while (it.hasNext()) {
      JsonNode seg = it.next();
      if (seg.isTextual() && seg.asText().equals("$services")) {
        ArrayNode names = JSON.createArrayNode();
        root.path("services").fieldNames().forEachRemaining(names::add);
        cur = names;
        continue;
      }
      if (seg.isTextual() && seg.asText().equals("$environment")) {
        cur = JSON.valueToTree(environment);
        continue;
      }
      if (cur == null) {
        return null;
      }
      cur = seg.isInt() ? cur.get(seg.asInt()) : cur.get(seg.asText());
    }
    return cur;
  }

  private static Outcome matchError(String expected, String actual) {
    String want = expected.strip();
    if (actual == null) {
      actual = "";
    }
    if (want.isEmpty() || actual.contains(want)) {
      return Outcome.PASS;
    }
    return Outcome.fail("error lacks \"" + want + "\": " + firstLine(actual));
  }

  private static Map<String, String> env(JsonNode node) {
    Map<String, String> env = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    return env;
  }

  private static EnumSet<LoadSwitch> switches(JsonNode options) {
    EnumSet<LoadSwitch> s = EnumSet.noneOf(LoadSwitch.class);
    if (options.path("skip_normalization").asBoolean(false)) {
      s.add(LoadSwitch.NO_NORMALIZE);
    }
    if (options.path("skip_consistency_check").asBoolean(false)) {
      s.add(LoadSwitch.NO_CONSISTENCY);
    }
    if (options.has("resolve_paths") && !options.get("resolve_paths").asBoolean()) {
      s.add(LoadSwitch.NO_PATH_RESOLUTION);
    }
    if (options.path("skip_validation").asBoolean(false)) {
      s.add(LoadSwitch.NO_VALIDATION);
    }
    if (options.path("skip_interpolation").asBoolean(false)) {
      s.add(LoadSwitch.NO_INTERPOLATE);
    }
    return s;
  }

  private static String placeholders(String text, Path dir, String project) {
    return text.replace("${CASE_DIR}", dir.toAbsolutePath().normalize().toString())
        .replace("${PROJECT}", project);
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  private static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ");
    return t.length() > 1500 ? t.substring(0, 1500) + "..." : t;
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
