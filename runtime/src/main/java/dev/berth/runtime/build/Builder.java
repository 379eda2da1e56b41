package dev.berth.runtime.build;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.InvalidImageDataException;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.image.store.ImageCommitter;
import dev.berth.runtime.image.store.ImagePuller;
import dev.berth.runtime.image.store.ImageRecord;
import dev.berth.runtime.image.store.ImageStore;
import dev.berth.runtime.image.store.PullListener;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LayerUnpacker;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.state.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds images from Dockerfiles as Docker's classic builder does, one stage after another up to
 * the target: RUN in a container ({@link RunExecutor}), COPY/ADD written straight into layers,
 * metadata instructions changing only the config, every layer cached by its key. The result goes
 * into the {@link ImageStore} under the requested tags.
 */
public final class Builder {
  /** ARGs usable without being declared, passed to RUN only when given as build args. */
  static final Set<String> PREDEFINED_ARGS =
      Set.of(
          "HTTP_PROXY",
          "http_proxy",
          "HTTPS_PROXY",
          "https_proxy",
          "FTP_PROXY",
          "ftp_proxy",
          "NO_PROXY",
          "no_proxy",
          "ALL_PROXY",
          "all_proxy");

  private final ImageStore store;
  private final Function<CredentialStore, ImagePuller> pullerWith;
  private final RunExecutor runs;
  private final Path workRoot;
  private final BuildCache cache;
  private final LayerUnpacker contextUnpacker =
      new LayerUnpacker(new LinuxSpecialFiles(), LayerLimits.DEFAULT);

  /**
   * @param puller pulls missing base images; null when this engine cannot pull
   * @param stateRoot where the builder keeps its cache and temporary files
   */
  public Builder(ImageStore store, ImagePuller puller, RunExecutor runs, Path stateRoot)
      throws EngineException {
    this(store, puller == null ? null : logins -> puller, runs, stateRoot);
  }

  /**
   * @param pullerWith pulls missing base images with a build client's logins ({@code
   *     X-Registry-Config}) before the engine's own; null when this engine cannot pull
   * @param stateRoot where the builder keeps its cache and temporary files
   */
  public Builder(
      ImageStore store,
      Function<CredentialStore, ImagePuller> pullerWith,
      RunExecutor runs,
      Path stateRoot)
      throws EngineException {
    this.store = store;
    this.pullerWith = pullerWith;
    this.runs = runs;
    this.workRoot = stateRoot.resolve("tmp");
    this.cache = BuildCache.open(stateRoot);
    try {
      if (Files.isDirectory(workRoot)) {
        FileTrees.deleteTree(workRoot); // what a killed build left
      }
      Files.createDirectories(workRoot);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "creating " + workRoot + ": " + e, e);
    }
  }

  /** Runs one build, reporting progress to {@code listener}. */
  public BuildResult build(BuildRequest request, BuildListener listener) throws EngineException {
    return build(request, listener, CredentialStore.NONE);
  }

  /** As {@link #build(BuildRequest, BuildListener)}, pulling base images with {@code logins}. */
  public BuildResult build(BuildRequest request, BuildListener listener, CredentialStore logins)
      throws EngineException {
    List<ImageReference> tags = new ArrayList<>();
    for (String tag : request.tags()) {
      try {
        tags.add(ImageReference.parse(tag));
      } catch (InvalidImageDataException e) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, "invalid tag \"" + tag + "\": " + e.getMessage());
      }
    }
    String dockerfileName = request.dockerfile();
    String text = request.inline() != null ? request.inline() : readDockerfile(request);
    Dockerfile dockerfile = DockerfileParser.parse(baseName(dockerfileName), text);
    Path work;
    try {
      work = Files.createTempDirectory(workRoot, "build-");
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "creating a build directory: " + e, e);
    }
    try (ImageCommitter committer = ImageCommitter.open(store)) {
      Run run =
          new Run(
              this,
              request,
              dockerfile,
              ignoreRules(request),
              listener,
              committer,
              work,
              tags,
              logins);
      return run.execute();
    } finally {
      try {
        FileTrees.deleteTree(work);
      } catch (IOException e) {
        // leftovers under tmp/ are removed with the next engine start
      }
    }
  }

  /**
   * Builds from a context sent as a tar (possibly gzip- or zstd-compressed), as {@code POST /build}
   * receives it; {@code request}'s context directory is replaced by the unpacked archive. Entries
   * that would land outside the context are refused.
   */
  public BuildResult build(InputStream archive, BuildRequest request, BuildListener listener)
      throws EngineException {
    return build(archive, request, listener, CredentialStore.NONE);
  }

  /**
   * As {@link #build(InputStream, BuildRequest, BuildListener)}, pulling base images with the
   * client's {@code logins} first.
   */
  public BuildResult build(
      InputStream archive, BuildRequest request, BuildListener listener, CredentialStore logins)
      throws EngineException {
    Path dir;
    try {
      dir = Files.createTempDirectory(workRoot, "context-");
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "creating a context directory: " + e, e);
    }
    try {
      contextUnpacker.unpack(archive, dir, "build context");
      return build(request.withContext(dir), listener, logins);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "reading the build context: " + e.getMessage(), e);
    } finally {
      try {
        FileTrees.deleteTree(dir);
      } catch (IOException e) {
        // removed with the next engine start
      }
    }
  }

  ImageStore store() {
    return store;
  }

  RunExecutor runs() {
    return runs;
  }

  BuildCache cache() {
    return cache;
  }

  /**
   * The image named {@code text}, pulled (with {@code logins} before the engine's own) when missing
   * or when {@code pull} is set.
   */
  ImageRecord image(String text, boolean pull, CredentialStore logins) throws EngineException {
    ImageReference ref;
    try {
      ref = ImageReference.parse(text);
    } catch (InvalidImageDataException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "invalid image reference \"" + text + "\": " + e.getMessage());
    }
    if (!pull) {
      var found = store.find(text);
      if (found.isPresent()) {
        return found.get();
      }
    }
    if (pullerWith == null) {
      throw new EngineException(
          ErrorKind.NOT_FOUND,
          "image " + text + " is not on this host and this engine cannot pull");
    }
    pullerWith.apply(logins).pull(ref, Platform.host(), PullListener.NONE);
    return store.get(ref.toString());
  }

  private static String readDockerfile(BuildRequest request) throws EngineException {
    try {
      Path file =
          request.context().resolve(ScopedPath.resolve(request.context(), request.dockerfile()));
      if (!Files.isRegularFile(file)) {
        throw new EngineException(
            ErrorKind.NOT_FOUND,
            "Cannot locate specified Dockerfile: "
                + request.dockerfile()
                + " (not in the context)");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "reading " + request.dockerfile() + ": " + e.getMessage(), e);
    }
  }

  /** {@code <Dockerfile>.dockerignore} next to the Dockerfile, else {@code .dockerignore}. */
  private static DockerIgnore ignoreRules(BuildRequest request) throws EngineException {
    try {
      Path root = request.context();
      String specific = ScopedPath.resolve(root, request.dockerfile() + ".dockerignore");
      for (String candidate : List.of(specific, ".dockerignore")) {
        Path file = root.resolve(candidate);
        if (request.inline() == null || candidate.equals(".dockerignore")) {
          if (Files.isRegularFile(file)) {
            return DockerIgnore.parse(Files.readString(file, StandardCharsets.UTF_8));
          }
        }
      }
      return DockerIgnore.NONE;
    } catch (IOException | IllegalArgumentException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "reading .dockerignore: " + e.getMessage(), e);
    }
  }

  private static String baseName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** The automatic platform ARGs BuildKit defines ({@code TARGETARCH} and friends). */
  static Map<String, String> platformArgs() {
    Platform p = Platform.host();
    Map<String, String> out = new LinkedHashMap<>();
    for (String prefix : List.of("TARGET", "BUILD")) {
      out.put(prefix + "PLATFORM", p.toString());
      out.put(prefix + "OS", p.os());
      out.put(prefix + "ARCH", p.architecture());
      out.put(prefix + "VARIANT", p.variant());
    }
    return out;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static Map<String, String> newMap() {
    return new HashMap<>();
  }

  static Set<String> newSet() {
    return new LinkedHashSet<>();
  }

  static List<Descriptor> blobs(List<LayerRef> layers) {
    return layers.stream().map(LayerRef::blob).toList();
  }

  static String shortKey(String key) {
    return key.substring(0, 12);
  }

  static Digest digestOf(String text) {
    return Digest.sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
