package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.loader.dotenv.DotenvException;
import dev.berth.orchestrator.loader.dotenv.DotenvParser;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Folds each service's {@code env_file} contents into its {@code environment}. */
final class EnvFiles {
  private EnvFiles() {}

  static MapNode resolve(MapNode services, Map<String, String> env, Path workingDir)
      throws BerthException {
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : services.entries().entrySet()) {
      MapNode s = Nodes.mapOrNull(e.getValue());
      out.put(e.getKey(), s == null ? e.getValue() : service(e.getKey(), s, env, workingDir));
    }
    return new MapNode(out, services.keyMarks(), services.mark());
  }

  /** Bare {@code environment} keys take their value from {@code env}; unset ones are dropped. */
  static MapNode resolveBare(MapNode services, Map<String, String> env) {
    return services.mapValues(
        (name, v) -> {
          MapNode s = Nodes.mapOrNull(v);
          MapNode e = s == null ? null : Nodes.mapOrNull(s.get("environment"));
          if (e == null) {
            return v;
          }
          return s.with(
              "environment",
              e.mapValues(
                  (k, x) -> {
                    if (!Nodes.isNull(x)) {
                      return x;
                    }
                    String val = env.get(k);
                    return val == null ? null : Nodes.str(val, x.mark());
                  }));
        });
  }

  /** Folds {@code label_file} contents into {@code labels} ({@code labels} wins). */
  static MapNode labelFiles(MapNode services, Path dir) throws BerthException {
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : services.entries().entrySet()) {
      MapNode s = Nodes.mapOrNull(e.getValue());
      if (s == null || !(Nodes.untag(s.get("label_file")) instanceof SeqNode files)) {
        out.put(e.getKey(), e.getValue());
        continue;
      }
      Map<String, Node> labels = new LinkedHashMap<>();
      for (Node f : files.items()) {
        String path = Nodes.text(f);
        if (path == null) {
          continue;
        }
        Path p = dir.resolve(path);
        try {
          String text = Files.readString(p, StandardCharsets.UTF_8);
          DotenvParser.parseRaw(text, k -> null)
              .forEach((k, v) -> labels.put(k, Nodes.str(v, f.mark())));
        } catch (IOException ex) {
          throw new BerthException(
              ErrorKind.NOT_FOUND, f.mark() + ": label file " + p + " not found");
        }
      }
      MapNode own = Nodes.mapOrNull(s.get("labels"));
      if (own != null) {
        labels.putAll(own.entries());
      }
      out.put(e.getKey(), s.with("labels", new MapNode(labels, s.mark())));
    }
    return new MapNode(out, services.keyMarks(), services.mark());
  }

  private static MapNode service(String name, MapNode s, Map<String, String> env, Path dir)
      throws BerthException {
    if (!(Nodes.untag(s.get("env_file")) instanceof SeqNode files)) {
      return s;
    }
    MapNode environment = Nodes.mapOrNull(s.get("environment"));
    Map<String, String> own = new LinkedHashMap<>();
    if (environment != null) {
      environment.entries().forEach((k, v) -> own.put(k, Nodes.text(v)));
    }
    Map<String, String> fromFiles = new LinkedHashMap<>();
    for (Node f : files.items()) {
      MapNode fm = Nodes.mapOrNull(f);
      String path = fm == null ? Nodes.text(f) : Nodes.text(fm, "path");
      if (path == null) {
        continue;
      }
      Path p = dir.resolve(path);
      boolean required = fm == null || !"false".equals(Nodes.text(fm, "required"));
      if (!Files.isRegularFile(p)) {
        if (!required) {
          continue;
        }
        throw new BerthException(
            ErrorKind.NOT_FOUND,
            f.mark() + ": services." + name + ".env_file: env file " + p + " not found");
      }
      String text;
      try {
        text = Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException ex) {
        throw new BerthException(ErrorKind.NOT_FOUND, "read env file " + p + ": " + ex);
      }
      boolean raw = fm != null && "raw".equals(Nodes.text(fm, "format"));
      Map<String, String> before = new LinkedHashMap<>(fromFiles);
      java.util.function.Function<String, String> lookup =
          k -> env.containsKey(k) ? env.get(k) : own.containsKey(k) ? own.get(k) : before.get(k);
      try {
        fromFiles.putAll(
            raw ? DotenvParser.parseRaw(text, lookup) : DotenvParser.parse(text, lookup));
      } catch (DotenvException ex) {
        throw new BerthException(
            ErrorKind.INVALID_ARGUMENT, "failed to read " + p + ": " + ex.getMessage());
      }
    }
    Map<String, Node> merged = new LinkedHashMap<>();
    fromFiles.forEach((k, v) -> merged.put(k, Nodes.str(v, files.mark())));
    if (environment != null) {
      environment
          .entries()
          .forEach(
              (k, v) -> {
                if (!Nodes.isNull(v) || !merged.containsKey(k)) {
                  merged.put(k, v);
                }
              });
    }
    MapNode result = s.without("env_file");
    return result.with("environment", new MapNode(merged, s.mark()));
  }
}
