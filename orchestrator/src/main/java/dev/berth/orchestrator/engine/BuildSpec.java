package dev.berth.orchestrator.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One image build as the classic builder API takes it: compose's {@code build:} section with the
 * CLI's flags applied.
 *
 * @param context the context directory on this host
 * @param dockerfile path of the Dockerfile relative to the context (or absolute), when not inline
 * @param dockerfileInline the Dockerfile's text ({@code dockerfile_inline}), or null
 * @param tags image names to give the result; the first is the main one
 * @param additionalContexts named contexts to absolute directories ({@code COPY --from=name})
 * @param network {@code networkmode} for {@code RUN}, or null for the default
 * @param shmSize bytes of {@code /dev/shm} for {@code RUN}, 0 for the default
 */
public record BuildSpec(
    Path context,
    String dockerfile,
    String dockerfileInline,
    List<String> tags,
    Map<String, String> args,
    Map<String, String> labels,
    String target,
    String network,
    List<String> extraHosts,
    long shmSize,
    Map<String, String> additionalContexts,
    boolean noCache,
    boolean pull) {

  public BuildSpec {
    Objects.requireNonNull(context, "context");
    dockerfile = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
    tags = List.copyOf(tags);
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("a build needs at least one tag");
    }
    args = Map.copyOf(args);
    labels = Map.copyOf(labels);
    target = target == null ? "" : target;
    extraHosts = List.copyOf(extraHosts);
    additionalContexts = Map.copyOf(additionalContexts);
  }
}
