package dev.berth.runtime.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One build: the context directory, which Dockerfile (a path in the context, or {@code inline}
 * text), tags and the options of Docker's {@code POST /build}.
 *
 * @param inline the Dockerfile's text (compose {@code dockerfile_inline}), or null to read {@code
 *     dockerfile} from the context
 * @param networkMode {@code default}, {@code host} or {@code none}; RUN uses the host's network for
 *     both {@code default} and {@code host} (Docker uses a bridge for {@code default})
 * @param contexts named extra contexts (compose {@code additional_contexts}) for {@code COPY
 *     --from=name}: directories on this host
 */
public record BuildRequest(
    Path context,
    String dockerfile,
    String inline,
    List<String> tags,
    Map<String, String> buildArgs,
    Map<String, String> labels,
    String target,
    boolean noCache,
    boolean pull,
    String networkMode,
    List<String> extraHosts,
    long shmSize,
    Map<String, Path> contexts) {
  public BuildRequest {
    Objects.requireNonNull(context, "context");
    dockerfile = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
    tags = List.copyOf(tags);
    buildArgs = Map.copyOf(buildArgs);
    labels = Map.copyOf(labels);
    target = target == null ? "" : target;
    networkMode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
    extraHosts = List.copyOf(extraHosts);
    contexts = Map.copyOf(contexts);
  }

  /** A plain build of {@code context}'s Dockerfile tagged {@code tags}. */
  public static BuildRequest of(Path context, String... tags) {
    return new BuildRequest(
        context,
        "Dockerfile",
        null,
        List.of(tags),
        Map.of(),
        Map.of(),
        "",
        false,
        false,
        "default",
        List.of(),
        0,
        Map.of());
  }

  public BuildRequest withContext(Path dir) {
    return new BuildRequest(
        dir,
        dockerfile,
        inline,
        tags,
        buildArgs,
        labels,
        target,
        noCache,
        pull,
        networkMode,
        extraHosts,
        shmSize,
        contexts);
  }

  public BuildRequest withBuildArgs(Map<String, String> args) {
    return new BuildRequest(
        context,
        dockerfile,
        inline,
        tags,
        args,
        labels,
        target,
        noCache,
        pull,
        networkMode,
        extraHosts,
        shmSize,
        contexts);
  }

  public BuildRequest withTarget(String stage) {
    return new BuildRequest(
        context,
        dockerfile,
        inline,
        tags,
        buildArgs,
        labels,
        stage,
        noCache,
        pull,
        networkMode,
        extraHosts,
        shmSize,
        contexts);
  }

  public BuildRequest withNoCache(boolean value) {
    return new BuildRequest(
        context,
        dockerfile,
        inline,
        tags,
        buildArgs,
        labels,
        target,
        value,
        pull,
        networkMode,
        extraHosts,
        shmSize,
        contexts);
  }

  public BuildRequest withContexts(Map<String, Path> named) {
    return new BuildRequest(
        context,
        dockerfile,
        inline,
        tags,
        buildArgs,
        labels,
        target,
        noCache,
        pull,
        networkMode,
        extraHosts,
        shmSize,
        named);
  }
}
