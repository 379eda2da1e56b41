package dev.berth.runtime.server.endpoints;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.build.BuildListener;
import dev.berth.runtime.build.BuildRequest;
import dev.berth.runtime.build.BuildResult;
import dev.berth.runtime.build.Builder;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.InvalidImageDataException;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.LineStream;
import dev.berth.runtime.server.http.Routes;
import dev.berth.runtime.server.http.ServerLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /build}: Docker's classic builder API. The body is the context as a tar (gzip
 * allowed); the answer streams JSON lines ({@code {"stream":"Step 1/3 : FROM ..."}}, {@code
 * {"aux":{"ID":"sha256:..."}}}, and on failure {@code
 * {"errorDetail":{"message":...},"error":...}}).
 *
 * <p>berth extension: {@code berth-contexts}, a JSON object of named contexts to absolute
 * directories on the daemon's host ({@code {"bin":"/usr/local/share/tools"}}), read by {@code COPY
 * --from=bin}: how compose's {@code additional_contexts} reach the builder, since the classic API
 * has no such field and berthd is local. {@code berth-dockerfile-inline} carries {@code
 * dockerfile_inline}.
 */
public final class BuildEndpoint implements Endpoints {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_QUEUED = 1_000_000;

  private final Builder builder;
  private final ServerLog log;

  public BuildEndpoint(Builder builder, ServerLog log) {
    this.builder = builder;
    this.log = log;
  }

  @Override
  public void register(Routes routes) {
    routes.post("/build", this::build);
  }

  private void build(ApiRequest request, ApiResponse response) throws EngineException {
    BuildRequest build;
    try {
      build = parse(request);
    } catch (EngineException e) {
      drain(request); // the client is still sending its context: answering now breaks its pipe
      throw e;
    }
    boolean quiet = request.flag("q");
    LineStream stream = response.lines(200, "application/json", MAX_QUEUED);
    BuildListener listener =
        new BuildListener() {
          @Override
          public void stream(String text) {
            if (!quiet) {
              stream.send(Map.of("stream", text));
            }
          }

          @Override
          public void built(Digest imageId) {
            stream.send(Map.of("aux", Map.of("ID", imageId.toString())));
          }
        };
    try (InputStream body = request.stream()) {
      BuildResult result =
          builder.build(
              body, build, listener, RegistryAuth.parseConfig(request.header("X-Registry-Config")));
      if (quiet) {
        stream.send(Map.of("stream", result.imageId() + "\n"));
      }
    } catch (EngineException e) {
      stream.send(
          Map.of("errorDetail", Map.of("message", e.getMessage()), "error", e.getMessage()));
    } catch (IOException | RuntimeException e) {
      log.warn("build failed unexpectedly", e);
      String message = "build failed: " + e;
      stream.send(Map.of("errorDetail", Map.of("message", message), "error", message));
    } finally {
      stream.finish();
    }
  }

  private static BuildRequest parse(ApiRequest request) throws EngineException {
    if (request.query("remote").filter(s -> !s.isEmpty()).isPresent()) {
      throw new EngineException(
          ErrorKind.UNSUPPORTED, "remote build contexts (remote=) are not supported by berthd");
    }
    if (request.query("version").filter(v -> v.equals("2")).isPresent()) {
      throw new EngineException(
          ErrorKind.UNSUPPORTED,
          "berthd has the classic builder only: build with DOCKER_BUILDKIT=0 (version=2 asked for"
              + " BuildKit)");
    }
    for (String limit :
        List.of(
            "memory",
            "memswap",
            "cpushares",
            "cpuquota",
            "cpuperiod",
            "cpusetcpus",
            "cpusetmems",
            "squash",
            "cachefrom",
            "outputs",
            "isolation")) {
      String value = request.query(limit).orElse("");
      if (!value.isEmpty()
          && !value.equals("0")
          && !value.equals("[]")
          && !value.equals("default")
          && !value.equals("false")) {
        throw new EngineException(
            ErrorKind.UNSUPPORTED,
            "build option " + limit + "=" + value + " is not supported by berth's builder yet");
      }
    }
    String platform = request.query("platform").orElse("");
    if (!platform.isEmpty()) {
      try {
        if (!Platform.host().accepts(Platform.parse(platform))) {
          throw new EngineException(
              ErrorKind.INVALID_ARGUMENT,
              "platform " + platform + " is not this host's (" + Platform.host() + ")");
        }
      } catch (InvalidImageDataException e) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, "invalid platform \"" + platform + "\": " + e.getMessage());
      }
    }
    List<String> extraHosts = new ArrayList<>();
    for (String value : request.queryValues("extrahosts")) {
      for (String host : value.split(",")) {
        if (!host.isBlank()) {
          int eq = host.indexOf('=');
          extraHosts.add(eq > 0 ? host.substring(0, eq) + ":" + host.substring(eq + 1) : host);
        }
      }
    }
    long shm = 0;
    String shmText = request.query("shmsize").orElse("");
    if (!shmText.isEmpty()) {
      try {
        shm = Long.parseLong(shmText);
      } catch (NumberFormatException e) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, "invalid shmsize \"" + shmText + "\"");
      }
    }
    Map<String, Path> contexts = new LinkedHashMap<>();
    for (var e : map(request, "berth-contexts").entrySet()) {
      Path dir = Path.of(e.getValue());
      if (!dir.isAbsolute()) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT,
            "berth-contexts: context \""
                + e.getKey()
                + "\" must be an absolute path on the daemon's"
                + " host, got "
                + e.getValue());
      }
      contexts.put(e.getKey(), dir);
    }
    String inline = request.query("berth-dockerfile-inline").orElse(null);
    return new BuildRequest(
        Path.of("/"),
        request.query("dockerfile").orElse("Dockerfile"),
        inline,
        request.queryValues("t").stream().filter(t -> !t.isEmpty()).toList(),
        map(request, "buildargs"),
        map(request, "labels"),
        request.query("target").orElse(""),
        request.flag("nocache"),
        request.flag("pull"),
        request.query("networkmode").orElse("default"),
        extraHosts,
        shm,
        contexts);
  }

  /** A JSON object query parameter; null values (unset build args) are dropped. */
  private static Map<String, String> map(ApiRequest request, String name) throws EngineException {
    String text = request.query(name).orElse("");
    if (text.isEmpty()) {
      return Map.of();
    }
    try {
      Map<String, String> raw = JSON.readValue(text, new TypeReference<Map<String, String>>() {});
      Map<String, String> out = new LinkedHashMap<>();
      raw.forEach(
          (k, v) -> {
            if (v != null) {
              out.put(k, v);
            }
          });
      return out;
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, name + ": not a JSON object of strings: " + text);
    }
  }

  /** Reads and drops what is left of the request's body, up to 1 GiB. */
  private static void drain(ApiRequest request) {
    try (java.io.InputStream in = request.stream()) {
      byte[] buffer = new byte[1 << 16];
      long left = 1L << 30;
      int n;
      while (left > 0 && (n = in.read(buffer)) >= 0) {
        left -= n;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // the client went: nothing to answer then
    }
  }
}
