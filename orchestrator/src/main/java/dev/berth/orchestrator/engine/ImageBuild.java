package dev.berth.orchestrator.engine;

import dev.berth.runtime.api.EngineClient;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code POST /build} with the context tar written here; further tags through {@code POST
 * /images/{name}/tag}. {@code additional_contexts} and {@code dockerfile_inline} travel as berthd's
 * query extensions, so other engines are refused them with a clear message.
 */
final class ImageBuild {
  private final EngineClient client;
  private final RegistryLogins logins;

  ImageBuild(EngineClient client, RegistryLogins logins) {
    this.client = client;
    this.logins = logins;
  }

  /** Builds and tags {@code spec}; the image id. */
  String run(BuildSpec spec, Consumer<String> output) throws EngineException {
    return build(outsideDockerfileInlined(spec), output);
  }

  /**
   * A Dockerfile outside the context ({@code dockerfile: /elsewhere/Dockerfile}) is not in the tar:
   * its text goes as {@code dockerfile_inline} instead.
   */
  private static BuildSpec outsideDockerfileInlined(BuildSpec spec) throws EngineException {
    Path context = spec.context().toAbsolutePath().normalize();
    Path file = context.resolve(spec.dockerfile()).normalize();
    if (spec.dockerfileInline() != null || file.startsWith(context)) {
      return spec;
    }
    try {
      return new BuildSpec(
          spec.context(),
          "Dockerfile",
          Files.readString(file),
          spec.tags(),
          spec.args(),
          spec.labels(),
          spec.target(),
          spec.network(),
          spec.extraHosts(),
          spec.shmSize(),
          spec.additionalContexts(),
          spec.noCache(),
          spec.pull());
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "build "
              + spec.tags().get(0)
              + ": cannot read Dockerfile "
              + file
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private String build(BuildSpec spec, Consumer<String> output) throws EngineException {
    String main = spec.tags().get(0);
    boolean berthd = client.version().isBerthd();
    if (!berthd && !spec.additionalContexts().isEmpty()) {
      throw new EngineException(
          ErrorKind.UNSUPPORTED,
          "build "
              + main
              + ": additional_contexts ("
              + String.join(", ", new TreeMap<>(spec.additionalContexts()).keySet())
              + ") needs BuildKit, which the classic builder API of this engine ("
              + client.socket()
              + ") does not offer; berthd builds them");
    }
    if (!berthd && spec.dockerfileInline() != null) {
      throw new EngineException(
          ErrorKind.UNSUPPORTED,
          "build " + main + ": dockerfile_inline is only supported when the engine is berthd");
    }
    if (!Files.isDirectory(spec.context())) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "build " + main + ": context " + spec.context() + " is not a directory");
    }
    Path tar = null;
    try {
      tar = Files.createTempFile("berth-context", ".tar");
      writeContext(spec, tar);
      try (InputStream body = Files.newInputStream(tar)) {
        client.progress(
            "POST",
            "/build",
            query(spec, berthd),
            body,
            "application/x-tar",
            logins.configHeader().map(h -> Map.of("X-Registry-Config", h)).orElse(Map.of()),
            line -> {
              if (line.stream() != null) {
                output.accept(line.stream());
              }
            });
      }
    } catch (EngineException e) {
      throw new EngineException(e.kind(), "build " + main + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "build " + main + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(tar);
    }
    for (String tag : spec.tags().subList(1, spec.tags().size())) {
      ImageName name = ImageName.parse(tag);
      client.post(
          "/images/" + main + "/tag",
          Map.of("repo", name.repository(), "tag", name.tagOrDigest()),
          null,
          Void.class);
    }
    return new DockerApiEngine(client).imageId(main).orElseThrow();
  }

  private static void writeContext(BuildSpec spec, Path tar) throws IOException {
    Path context = spec.context();
    String dockerfile = spec.dockerfile();
    try (OutputStream out = Files.newOutputStream(tar)) {
      ContextTar.write(
          context,
          ContextTar.ignoreRules(context, dockerfile),
          Set.of(dockerfile, ".dockerignore", dockerfile + ".dockerignore"),
          out);
    }
  }

  private static Map<String, String> query(BuildSpec spec, boolean berthd) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("t", spec.tags().get(0));
    q.put("dockerfile", spec.dockerfile());
    q.put("rm", "1");
    q.put("forcerm", "1");
    if (!spec.args().isEmpty()) {
      q.put("buildargs", json(spec.args()));
    }
    if (!spec.labels().isEmpty()) {
      q.put("labels", json(spec.labels()));
    }
    if (!spec.target().isEmpty()) {
      q.put("target", spec.target());
    }
    if (spec.noCache()) {
      q.put("nocache", "1");
    }
    if (spec.pull()) {
      q.put("pull", "1");
    }
    if (spec.network() != null && !spec.network().isEmpty()) {
      q.put("networkmode", spec.network());
    }
    if (!spec.extraHosts().isEmpty()) {
      q.put("extrahosts", String.join(",", spec.extraHosts()));
    }
    if (spec.shmSize() > 0) {
      q.put("shmsize", Long.toString(spec.shmSize()));
    }
    if (berthd && !spec.additionalContexts().isEmpty()) {
      q.put("berth-contexts", json(spec.additionalContexts()));
    }
    if (berthd && spec.dockerfileInline() != null) {
      q.put("berth-dockerfile-inline", spec.dockerfileInline());
    }
    return q;
  }

  /** A flat JSON object of strings. */
  static String json(Map<String, String> map) {
    StringBuilder sb = new StringBuilder("{");
    for (var e : new TreeMap<>(map).entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      quote(sb, e.getKey());
      sb.append(':');
      quote(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // a temp file left behind is harmless
      }
    }
  }
}
