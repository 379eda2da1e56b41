package dev.berth.orchestrator.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.loader.dotenv.DotenvException;
import dev.berth.orchestrator.loader.dotenv.DotenvParser;
import dev.berth.orchestrator.loader.interpolation.Interpolator;
import dev.berth.orchestrator.loader.interpolation.Template;
import dev.berth.orchestrator.loader.interpolation.TemplateException;
import dev.berth.orchestrator.loader.render.ConfigRenderer;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the row tables (interpolation, dotenv, parsing, variables) against the loader's parts. */
final class TableRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TableRunner() {}

  static Map<String, CaseRunner.Outcome> runAll(Path tables) throws IOException {
    Map<String, CaseRunner.Outcome> out = new LinkedHashMap<>();
    for (JsonNode row : JSON.readTree(tables.resolve("interpolation.json").toFile())) {
      out.put(row.get("id").asText(), guard(() -> interpolation(row)));
    }
    for (JsonNode row : JSON.readTree(tables.resolve("dotenv.json").toFile())) {
      out.put(row.get("id").asText(), guard(() -> dotenv(tables, row)));
    }
    for (JsonNode row : JSON.readTree(tables.resolve("parsing.json").toFile())) {
      out.put(row.get("id").asText(), guard(() -> parsing(row)));
    }
    for (JsonNode row : JSON.readTree(tables.resolve("variables.json").toFile())) {
      out.put(row.get("id").asText(), guard(() -> variables(row)));
    }
    return out;
  }

  /** A row check that may throw. */
  interface Check {
    CaseRunner.Outcome run() throws Exception;
  }

  private static CaseRunner.Outcome guard(Check c) {
    try {
      return c.run();
    } catch (Exception | StackOverflowError e) {
      return CaseRunner.Outcome.fail("crashed: " + e);
    }
  }

  private static CaseRunner.Outcome interpolation(JsonNode row) throws Exception {
    if (row.has("operator_of")) {
      String op = Template.firstOperator(row.get("operator_of").asText());
      return row.get("expected_operator").asText().equals(op)
          ? CaseRunner.Outcome.PASS
          : CaseRunner.Outcome.fail("operator " + op);
    }
    Map<String, String> env = new LinkedHashMap<>();
    row.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    String template = row.get("template").asText();
    String error = row.has("error") ? row.get("error").asText() : null;
    if (error != null && error.startsWith("error while interpolating")) {
      Node model =
          map(
              "myservice",
              map("environment", map("TESTVAR", ScalarNode.string(template, Mark.NONE))));
      try {
        new Interpolator(env::get, w -> {}).interpolate(model);
        return CaseRunner.Outcome.fail("no error");
      } catch (BerthException e) {
        return e.getMessage().contains(error)
            ? CaseRunner.Outcome.PASS
            : CaseRunner.Outcome.fail("error was: " + e.getMessage());
      }
    }
    try {
      String got = Template.substitute(template, env::get);
      if (error != null) {
        return CaseRunner.Outcome.fail("no error, got " + got);
      }
      String want = row.get("expected").asText();
      return want.equals(got)
          ? CaseRunner.Outcome.PASS
          : CaseRunner.Outcome.fail("got \"" + got + "\", expected \"" + want + "\"");
    } catch (TemplateException e) {
      if (error != null && e.getMessage().contains(error)) {
        return CaseRunner.Outcome.PASS;
      }
      return CaseRunner.Outcome.fail("error: " + e.getMessage());
    }
  }

  private static CaseRunner.Outcome dotenv(Path tables, JsonNode row) throws IOException {
    List<String> texts = new ArrayList<>();
    if (row.has("fixture")) {
      texts.add(Files.readString(tables.resolve(row.get("fixture").asText())));
    } else if (row.get("input").isArray()) {
      row.get("input").forEach(t -> texts.add(t.asText()));
    } else {
      texts.add(row.get("input").asText());
    }
    Map<String, String> lookup = new LinkedHashMap<>();
    row.path("lookup_env")
        .fields()
        .forEachRemaining(e -> lookup.put(e.getKey(), e.getValue().asText()));
    Map<String, String> got;
    try {
      got = DotenvParser.parseAll(texts, lookup::get);
    } catch (DotenvException e) {
      if (row.has("error") && e.getMessage().contains(row.get("error").asText())) {
        return CaseRunner.Outcome.PASS;
      }
      return CaseRunner.Outcome.fail("error: " + e.getMessage());
    }
    if (row.has("error")) {
      return CaseRunner.Outcome.fail("no error, got " + got);
    }
    Map<String, String> want = new LinkedHashMap<>();
    row.path("expected")
        .fields()
        .forEachRemaining(e -> want.put(e.getKey(), e.getValue().asText()));
    boolean exact = "exact".equals(row.path("match").asText());
    for (var e : want.entrySet()) {
      if (!e.getValue().equals(got.get(e.getKey()))) {
        return CaseRunner.Outcome.fail(
            e.getKey()
                + ": got "
                + JSON.writeValueAsString(got.get(e.getKey()))
                + ", expected "
                + JSON.writeValueAsString(e.getValue()));
      }
    }
    if (exact && got.size() != want.size()) {
      return CaseRunner.Outcome.fail("extra keys: " + got);
    }
    return CaseRunner.Outcome.PASS;
  }

  private static CaseRunner.Outcome parsing(JsonNode row) throws Exception {
    String kind = row.get("kind").asText();
    JsonNode input = row.get("input");
    switch (kind) {
      case "port", "port-list", "port-long" -> {
        List<Node> items = new ArrayList<>();
        if (input.isArray()) {
          input.forEach(i -> items.add(ScalarNode.string(i.asText(), Mark.NONE)));
        } else if (input.isObject()) {
          items.add(fromJson(input));
        } else {
          items.add(ScalarNode.string(input.asText(), Mark.NONE));
        }
        Node svc = map("ports", new SeqNode(items, Mark.NONE));
        MapNode root = (MapNode) map("services", map("x", svc));
        try {
          MapNode canon = Canonicalizer.file(root);
          Node ports = ((MapNode) ((MapNode) canon.get("services")).get("x")).get("ports");
          if (row.has("error")) {
            return CaseRunner.Outcome.fail("no error");
          }
          JsonNode got = JSON.readTree(ConfigRenderer.writeJson(plainOf(ports)));
          return compareAnyOrder(row.get("expected"), got);
        } catch (BerthException e) {
          return row.has("error") && e.getMessage().contains(row.get("error").asText())
              ? CaseRunner.Outcome.PASS
              : CaseRunner.Outcome.fail("error: " + e.getMessage());
        }
      }
      case "volume", "volume-has-source" -> {
        try {
          MapNode v = VolumeSpec.parse(input.asText(), Mark.NONE, "volume");
          if (kind.equals("volume-has-source")) {
            boolean has = v.has("source");
            return has == row.get("expected_has_source").asBoolean()
                ? CaseRunner.Outcome.PASS
                : CaseRunner.Outcome.fail("source " + v.get("source"));
          }
          if (row.has("error")) {
            return CaseRunner.Outcome.fail("no error");
          }
          if (row.has("expected_ok") && row.path("expected").isNull()
              || row.has("expected_ok") && !row.has("expected")) {
            return CaseRunner.Outcome.PASS;
          }
          JsonNode got = JSON.readTree(ConfigRenderer.writeJson(plainOf(v)));
          return Assertions.matches(row.get("expected"), got)
              ? CaseRunner.Outcome.PASS
              : CaseRunner.Outcome.fail("got " + got);
        } catch (BerthException e) {
          if (kind.equals("volume-has-source")) {
            return row.get("expected_has_source").asBoolean()
                ? CaseRunner.Outcome.fail("error: " + e.getMessage())
                : CaseRunner.Outcome.PASS;
          }
          return row.has("error") && e.getMessage().contains(row.get("error").asText())
              ? CaseRunner.Outcome.PASS
              : CaseRunner.Outcome.fail("error: " + e.getMessage());
        }
      }
      case "bytes" -> {
        String text = input.asText();
        if (text.startsWith("\"") && text.endsWith("\"") && text.length() > 1) {
          text = text.substring(1, text.length() - 1);
        }
        try {
          long got = Units.parseBytes(text);
          return row.path("expected").isNumber() && row.get("expected").asLong() == got
              ? CaseRunner.Outcome.PASS
              : CaseRunner.Outcome.fail("got " + got);
        } catch (IllegalArgumentException e) {
          return row.path("expected").isNumber()
              ? CaseRunner.Outcome.fail(e.getMessage())
              : CaseRunner.Outcome.PASS;
        }
      }
      case "volume-format" -> {
        String got = VolumeSpec.format((MapNode) fromJson(input));
        return got.equals(row.get("expected").asText())
            ? CaseRunner.Outcome.PASS
            : CaseRunner.Outcome.fail("got " + got);
      }
      default -> {
        return CaseRunner.Outcome.fail("row kind " + kind + " has no runner yet");
      }
    }
  }

  private static CaseRunner.Outcome compareAnyOrder(JsonNode want, JsonNode got) {
    if (!want.isArray() || !got.isArray() || want.size() != got.size()) {
      return CaseRunner.Outcome.fail("got " + got);
    }
    List<JsonNode> left = new ArrayList<>();
    got.forEach(left::add);
    for (JsonNode w : want) {
      boolean found = false;
      for (int i = 0; i < left.size(); i++) {
        if (Assertions.matches(w, left.get(i))) {
          left.remove(i);
          found = true;
          break;
        }
      }
      if (!found) {
        return CaseRunner.Outcome.fail("missing " + w + " in " + got);
      }
    }
    return CaseRunner.Outcome.PASS;
  }

  private static CaseRunner.Outcome variables(JsonNode row) {
    Map<String, Variables.Variable> got = Variables.of(fromJson(row.get("model")));
    JsonNode want = row.get("expected_variables");
    if (got.size() != want.size()) {
      return CaseRunner.Outcome.fail("got " + got);
    }
    for (var e : got.entrySet()) {
      JsonNode w = want.get(e.getKey());
      Variables.Variable v = e.getValue();
      if (w == null
          || !w.path("default").asText().equals(v.defaultValue())
          || !w.path("presence").asText().equals(v.presenceValue())
          || w.path("required").asBoolean() != v.required()) {
        return CaseRunner.Outcome.fail("got " + got);
      }
    }
    return CaseRunner.Outcome.PASS;
  }

  private static Object plainOf(Node n) throws Exception {
    var m =
        Class.forName("dev.berth.orchestrator.loader.render.OutputTree")
            .getDeclaredMethod("sorted", Node.class);
    m.setAccessible(true);
    Object sorted = m.invoke(null, n);
    var p = ConfigRenderer.class.getDeclaredMethod("plain", Object.class);
    p.setAccessible(true);
    return p.invoke(null, sorted);
  }

  static Node fromJson(JsonNode j) {
    if (j.isObject()) {
      Map<String, Node> out = new LinkedHashMap<>();
      j.fields().forEachRemaining(e -> out.put(e.getKey(), fromJson(e.getValue())));
      return new MapNode(out, Mark.NONE);
    }
    if (j.isArray()) {
      List<Node> out = new ArrayList<>();
      j.forEach(x -> out.add(fromJson(x)));
      return new SeqNode(out, Mark.NONE);
    }
    if (j.isNull()) {
      return ScalarNode.nul(Mark.NONE);
    }
    if (j.isBoolean()) {
      return ScalarNode.ofBool(j.asBoolean(), Mark.NONE);
    }
    if (j.isIntegralNumber()) {
      return ScalarNode.ofInt(j.asLong(), Mark.NONE);
    }
    if (j.isNumber()) {
      return new ScalarNode(j.asText(), ScalarNode.Kind.FLOAT, Mark.NONE);
    }
    return ScalarNode.string(j.asText(), Mark.NONE);
  }

  private static Node map(String k, Node v) {
    Map<String, Node> m = new LinkedHashMap<>();
    m.put(k, v);
    return new MapNode(m, Mark.NONE);
  }
}
