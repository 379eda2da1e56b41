package dev.berth.runtime.build;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.container.ResolvedUser;
import dev.berth.runtime.container.UserResolver;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.Healthcheck;
import dev.berth.runtime.image.ImageConfig;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.image.store.ImageCommitter;
import dev.berth.runtime.image.store.ImageRecord;
import dev.berth.runtime.image.wire.BuildConfigTemplate;
import dev.berth.runtime.image.wire.ImageJson;
import dev.berth.runtime.layer.LayerTarWriter;
import dev.berth.runtime.layer.PackedLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One build in progress: the stages, their states, step counting and output. */
final class Run {
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Builder builder;
  private final BuildRequest request;
  private final Dockerfile dockerfile;
  private final DockerIgnore ignore;
  private final BuildListener out;
  private final ImageCommitter committer;
  private final Path work;
  private final List<ImageReference> tags;
  private final CredentialStore logins;
  private final Map<String, String> metaArgs = new HashMap<>();
  private final Set<String> usedBuildArgs = new LinkedHashSet<>();
  private final Map<String, StageState> done = new HashMap<>();
  private int step;
  private int steps;
  private int cached;
  private int layerFiles;

  Run(
      Builder builder,
      BuildRequest request,
      Dockerfile dockerfile,
      DockerIgnore ignore,
      BuildListener out,
      ImageCommitter committer,
      Path work,
      List<ImageReference> tags,
      CredentialStore logins) {
    this.builder = builder;
    this.logins = logins;
    this.request = request;
    this.dockerfile = dockerfile;
    this.ignore = ignore;
    this.out = out;
    this.committer = committer;
    this.work = work;
    this.tags = tags;
  }

  BuildResult execute() throws EngineException {
    metaArgs.putAll(Builder.platformArgs());
    for (RawInstruction in : dockerfile.instructions()) {
      if (in.keyword().equals("FROM")) {
        break;
      }
      declareArgs(in, metaArgs::get, metaArgs);
    }
    List<Stage> stages = Stage.split(dockerfile);
    int last = stages.size() - 1;
    if (!request.target().isEmpty()) {
      last = -1;
      for (Stage s : stages) {
        if (s.name().equals(Builder.lower(request.target()))) {
          last = s.index();
        }
      }
      if (last < 0) {
        throw new EngineException(
            ErrorKind.NOT_FOUND, "target stage \"" + request.target() + "\" could not be found");
      }
    }
    for (int i = 0; i <= last; i++) {
      steps += 1 + stages.get(i).instructions().size();
    }
    StageState state = null;
    for (int i = 0; i <= last; i++) {
      Stage stage = stages.get(i);
      state = from(stage);
      for (RawInstruction in : stage.instructions()) {
        step(in);
        new Instructions(this, state, in).apply();
        out.stream(" ---> " + Builder.shortKey(state.cacheKey) + "\n");
      }
      done.put(String.valueOf(i), state);
      if (!stage.name().isEmpty()) {
        done.put(stage.name(), state);
      }
    }
    Set<String> unused = new LinkedHashSet<>(request.buildArgs().keySet());
    unused.removeAll(usedBuildArgs);
    unused.removeAll(Builder.PREDEFINED_ARGS);
    if (!unused.isEmpty()) {
      out.stream("[Warning] One or more build-args " + unused + " were not consumed\n");
    }
    return commit(state);
  }

  private StageState from(Stage stage) throws EngineException {
    step(stage.from());
    String image = expand(stage.from(), stage.image(), metaArgs::get);
    StageState state;
    StageState earlier = done.get(Builder.lower(image));
    if (earlier != null && !image.matches("\\d+")) {
      state = earlier.copy();
    } else if (image.equals("scratch")) {
      state = new StageState();
      state.env.put("PATH", DEFAULT_PATH); // as Docker's builders do for FROM scratch
      state.cacheKey = Builder.digestOf("scratch").hex();
    } else {
      state = fromImage(image);
      out.stream(" ---> " + state.cacheKey.substring(0, 12) + "\n");
    }
    state.args.clear();
    return state;
  }

  /** The image {@code text}, pulled with the client's logins when missing or {@code pull}. */
  ImageRecord image(String text, boolean pull) throws EngineException {
    return builder.image(text, pull, logins);
  }

  private StageState fromImage(String text) throws EngineException {
    ImageRecord image = image(text, request.pull());
    StageState state = stateOf(image);
    state.cacheKey = image.id().hex();
    return state;
  }

  /** A stage state holding an image's layers and config. */
  StageState stateOf(ImageRecord image) throws EngineException {
    var store = builder.store();
    ImageConfig config = store.config(image);
    List<Descriptor> blobs = store.manifest(image).layers();
    StageState state = new StageState();
    for (int i = 0; i < config.diffIds().size(); i++) {
      state.layers.add(new LayerRef(config.diffIds().get(i), blobs.get(i)));
    }
    for (String e : config.env()) {
      int eq = e.indexOf('=');
      state.env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    state.cmd = config.cmd();
    state.entrypoint = config.entrypoint();
    state.workingDir = config.workingDir();
    state.user = config.user();
    state.exposedPorts.addAll(config.exposedPorts());
    state.volumes.addAll(config.volumes());
    state.labels.putAll(config.labels());
    state.healthcheck = config.healthcheck();
    state.stopSignal = config.stopSignal();
    if (!config.os().isEmpty() && !config.architecture().isEmpty()) {
      state.platform = new Platform(config.os(), config.architecture(), config.variant());
    }
    BuildConfigTemplate raw =
        ImageJson.read(store.blobs().read(image.id()), BuildConfigTemplate.class, "image config");
    if (raw.config != null && raw.config.shell != null && !raw.config.shell.isEmpty()) {
      state.shell = raw.config.shell;
    }
    return state;
  }

  private void step(RawInstruction in) {
    step++;
    out.stream("Step " + step + "/" + steps + " : " + in.text() + "\n");
  }

  /** Declares the ARGs of one ARG instruction into {@code scope}. */
  void declareArgs(
      RawInstruction in,
      java.util.function.Function<String, String> lookup,
      Map<String, String> scope)
      throws EngineException {
    WordExpander words = expander(in, lookup);
    List<String> raw = words.split(in.args());
    if (raw.isEmpty()) {
      throw DockerfileException.at(in, "ARG requires at least one argument");
    }
    for (String word : raw) {
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      if (name.isEmpty()) {
        throw DockerfileException.at(in, "ARG names can not be blank");
      }
      String value;
      if (request.buildArgs().containsKey(name)) {
        value = request.buildArgs().get(name);
        usedBuildArgs.add(name);
      } else if (eq >= 0) {
        value = wordOf(in, words, word.substring(eq + 1));
      } else if (metaArgs.containsKey(name) && scope != metaArgs) {
        value = metaArgs.get(name);
      } else {
        value = null;
      }
      scope.put(name, value);
    }
  }

  WordExpander expander(RawInstruction in, java.util.function.Function<String, String> lookup) {
    return new WordExpander(
        dockerfile.escape(),
        name -> {
          String v = lookup.apply(name);
          if (v == null && Builder.PREDEFINED_ARGS.contains(name)) {
            return request.buildArgs().get(name);
          }
          return v;
        });
  }

  String expand(RawInstruction in, String text, java.util.function.Function<String, String> lookup)
      throws DockerfileException {
    return wordOf(in, expander(in, lookup), text);
  }

  static String wordOf(RawInstruction in, WordExpander words, String raw)
      throws DockerfileException {
    try {
      return words.word(raw);
    } catch (WordExpander.ExpansionException e) {
      throw DockerfileException.at(in, e.getMessage());
    }
  }

  BuildRequest request() {
    return request;
  }

  DockerIgnore ignore() {
    return ignore;
  }

  Path work() {
    return work;
  }

  BuildListener out() {
    return out;
  }

  Builder builder() {
    return builder;
  }

  StageState stage(String name) {
    return done.get(Builder.lower(name));
  }

  void countCached() {
    cached++;
  }

  Path newLayerFile() {
    return work.resolve("layer-" + (layerFiles++) + ".tar.gz");
  }

  /** Adds a freshly written layer to the stage and to the cache under its key. */
  void addLayer(StageState state, PackedLayer layer, String key) throws EngineException {
    Descriptor blob = committer.addLayer(layer);
    state.layers.add(new LayerRef(layer.diffId(), blob));
    builder
        .cache()
        .put(
            key,
            new BuildCache.Entry(
                layer.diffId().toString(),
                blob.digest().toString(),
                blob.size(),
                Instant.now().toString()));
    try {
      Files.deleteIfExists(layer.file());
    } catch (IOException e) {
      // the build directory goes at the end anyway
    }
  }

  /** The cached layer for {@code key}, if caching is on and the layer is still stored. */
  LayerRef cachedLayer(String key) {
    if (request.noCache()) {
      return null;
    }
    var entry = builder.cache().get(key);
    if (entry.isEmpty()) {
      return null;
    }
    try {
      Digest diffId = Digest.parse(entry.get().diffId());
      Digest blob = Digest.parse(entry.get().blob());
      if (!committer.hasLayer(diffId, blob)) {
        return null;
      }
      return new LayerRef(
          diffId,
          Descriptor.of(dev.berth.runtime.image.MediaTypes.DOCKER_LAYER, blob, entry.get().size()));
    } catch (dev.berth.runtime.image.InvalidImageDataException e) {
      return null;
    }
  }

  /** A read-only view of the stage's files. */
  LayerView view(StageState state) throws EngineException {
    List<Path> dirs = new ArrayList<>();
    for (LayerRef l : state.layers) {
      try {
        dirs.add(builder.store().layers().shortDir(l.diffId()));
      } catch (IOException e) {
        throw new EngineException(ErrorKind.INTERNAL, "layer " + l.diffId() + ": " + e, e);
      }
    }
    return LayerView.open(dirs, work);
  }

  /** Resolves {@code --chown} in the stage's /etc/passwd and /etc/group. */
  static int[] owner(RawInstruction in, String chown, Path root) throws EngineException {
    ResolvedUser user = UserResolver.forRootfs(root).resolve(chown, List.of());
    if (!chown.contains(":")) {
      return new int[] {user.uid(), user.uid() == 0 ? 0 : user.gid()};
    }
    return new int[] {user.uid(), user.gid()};
  }

  private BuildResult commit(StageState state) throws EngineException {
    Map<String, String> labels = new java.util.LinkedHashMap<>(state.labels);
    labels.putAll(request.labels());
    String finalKey = Builder.digestOf(state.cacheKey + "\nLABELS " + labels).hex();
    String created =
        request.noCache()
            ? Instant.now().toString()
            : builder
                .cache()
                .get("created:" + finalKey)
                .map(BuildCache.Entry::created)
                .orElse(null);
    if (created == null) {
      created = Instant.now().toString();
      builder.cache().put("created:" + finalKey, new BuildCache.Entry("", "", 0, created));
    }
    byte[] config = ConfigJson.write(state, labels, created);
    ImageRecord image = committer.commit(config, Builder.blobs(state.layers), tags);
    out.built(image.id());
    out.stream("Successfully built " + image.id().shortHex() + "\n");
    List<String> named = new ArrayList<>();
    for (ImageReference tag : tags) {
      out.stream("Successfully tagged " + tag.familiar() + "\n");
      named.add(tag.toString());
    }
    return new BuildResult(image.id(), named, steps, cached);
  }

  static LayerTarWriter.Meta dirMeta() {
    return new LayerTarWriter.Meta(0755, 0, 0, Instant.EPOCH);
  }

  static Healthcheck noHealthcheck() {
    return new Healthcheck(List.of("NONE"), null, null, null, null, 0);
  }
}
