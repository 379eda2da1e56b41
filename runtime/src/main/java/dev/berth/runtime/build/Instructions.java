package dev.berth.runtime.build;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Healthcheck;
import dev.berth.runtime.image.store.ImageRecord;
import dev.berth.runtime.layer.LayerTarWriter;
import dev.berth.runtime.layer.PackedLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Applies one instruction of a stage to the stage's state. */
final class Instructions {
  private final Run run;
  private final StageState state;
  private final RawInstruction in;
  private final WordExpander words;

  Instructions(Run run, StageState state, RawInstruction in) {
    this.run = run;
    this.state = state;
    this.in = in;
    this.words = run.expander(in, state::lookup);
  }

  void apply() throws EngineException {
    switch (in.keyword()) {
      case "ARG" -> {
        run.declareArgs(in, state::lookup, state.args);
        chain("ARG " + state.args);
      }
      case "ENV" -> {
        pairs("ENV").forEach(state.env::put);
        chain("ENV " + state.env);
      }
      case "LABEL" -> {
        pairs("LABEL").forEach(state.labels::put);
        chain("LABEL " + state.labels);
      }
      case "MAINTAINER" -> chain("MAINTAINER " + in.args());
      case "RUN" -> run();
      case "COPY", "ADD" -> copy(in.keyword().equals("ADD"));
      case "WORKDIR" -> workdir();
      case "USER" -> {
        state.user = single();
        chain("USER " + state.user);
      }
      case "CMD" -> {
        state.cmd = command();
        state.cmdSetInStage = true;
        chain("CMD " + state.cmd);
      }
      case "ENTRYPOINT" -> {
        state.entrypoint = command();
        if (!state.cmdSetInStage) {
          state.cmd = List.of(); // an inherited CMD does not apply to a new ENTRYPOINT
        }
        chain("ENTRYPOINT " + state.entrypoint);
      }
      case "EXPOSE" -> {
        for (String port : expandedWords()) {
          state.exposedPorts.addAll(ports(port));
        }
        chain("EXPOSE " + state.exposedPorts);
      }
      case "VOLUME" -> {
        List<String> volumes = in.isExecForm() ? expandEach(in.json()) : expandedWords();
        if (volumes.isEmpty() || volumes.stream().anyMatch(String::isBlank)) {
          throw DockerfileException.at(in, "VOLUME specified can not be an empty string");
        }
        state.volumes.addAll(volumes);
        chain("VOLUME " + state.volumes);
      }
      case "STOPSIGNAL" -> {
        state.stopSignal = single();
        chain("STOPSIGNAL " + state.stopSignal);
      }
      case "SHELL" -> {
        if (!in.isExecForm() || in.json().isEmpty()) {
          throw DockerfileException.at(in, "SHELL requires the arguments to be in JSON form");
        }
        state.shell = in.json();
        chain("SHELL " + state.shell);
      }
      case "HEALTHCHECK" -> {
        state.healthcheck = healthcheck();
        chain("HEALTHCHECK " + state.healthcheck);
      }
      default -> throw DockerfileException.at(in, "not supported by berth yet");
    }
  }

  private void chain(String what) {
    state.cacheKey = Builder.digestOf(state.cacheKey + "\n" + what).hex();
  }

  private String single() throws DockerfileException {
    List<String> w = expandedWords();
    if (w.size() != 1) {
      throw DockerfileException.at(in, "requires exactly one argument");
    }
    return w.get(0);
  }

  private List<String> expandedWords() throws DockerfileException {
    try {
      return words.words(in.args());
    } catch (WordExpander.ExpansionException e) {
      throw DockerfileException.at(in, e.getMessage());
    }
  }

  private List<String> expandEach(List<String> raw) throws DockerfileException {
    List<String> out = new ArrayList<>();
    for (String r : raw) {
      out.add(Run.wordOf(in, words, r.replace("\"", "\\\"")));
    }
    return out;
  }

  /** {@code KEY=value ...} or the legacy {@code KEY value with spaces} (ENV and LABEL). */
  private Map<String, String> pairs(String what) throws DockerfileException {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    List<String> raw = words.split(in.args());
    if (raw.isEmpty()) {
      throw DockerfileException.at(in, what + " requires at least one argument");
    }
    if (!raw.get(0).contains("=")) {
      String key = Run.wordOf(in, words, raw.get(0));
      String rest = in.args().strip().substring(raw.get(0).length()).strip();
      if (rest.isEmpty()) {
        throw DockerfileException.at(in, what + " " + key + " needs a value (" + key + "=value)");
      }
      out.put(key, Run.wordOf(in, words, rest));
      return out;
    }
    for (String word : raw) {
      int eq = word.indexOf('=');
      if (eq <= 0) {
        throw DockerfileException.at(
            in, "syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
      }
      out.put(
          Run.wordOf(in, words, word.substring(0, eq)),
          Run.wordOf(in, words, word.substring(eq + 1)));
    }
    return out;
  }

  private List<String> command() {
    if (in.isExecForm()) {
      return in.json();
    }
    List<String> cmd = new ArrayList<>(state.shell);
    cmd.add(in.args());
    return cmd;
  }

  private void run() throws EngineException {
    List<String> command = command();
    List<String> env = state.runEnv();
    BuildRequest request = run.request();
    chain(
        "RUN " + command + " ENV " + env + " USER " + state.user + " WORKDIR " + state.workingDir);
    LayerRef hit = run.cachedLayer(state.cacheKey);
    if (hit != null) {
      run.out().stream(" ---> Using cache\n");
      run.countCached();
      state.layers.add(hit);
      return;
    }
    List<Path> dirs = new ArrayList<>();
    try {
      for (LayerRef l : state.layers) {
        dirs.add(run.builder().store().layers().shortDir(l.diffId()));
      }
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "layers of the stage: " + e, e);
    }
    RunSpec spec =
        new RunSpec(
            dirs,
            command,
            env,
            state.user,
            state.workingDir.isEmpty() ? "/" : state.workingDir,
            request.networkMode(),
            request.extraHosts(),
            request.shmSize());
    RunExecutor.Outcome outcome =
        run.builder()
            .runs()
            .run(
                spec,
                new RunExecutor.Listener() {
                  @Override
                  public void started(String id) {
                    run.out().stream(" ---> Running in " + id.substring(0, 12) + "\n");
                  }

                  @Override
                  public void output(String line) {
                    run.out().stream(line + "\n");
                  }
                },
                run.newLayerFile());
    if (outcome.exitCode() != 0) {
      throw new BuildFailedException(
          in.where()
              + ": "
              + in.text()
              + ": the command '"
              + String.join(" ", command)
              + "' returned a non-zero code: "
              + outcome.exitCode(),
          outcome.exitCode());
    }
    run.out().stream(
        " ---> Removed intermediate container " + outcome.containerId().substring(0, 12) + "\n");
    run.addLayer(state, outcome.layer(), state.cacheKey);
  }

  private void copy(boolean add) throws EngineException {
    List<String> args = in.isExecForm() ? expandEach(in.json()) : expandedWords();
    if (args.size() < 2) {
      throw DockerfileException.at(in, in.keyword() + " requires at least two arguments");
    }
    List<String> sources = args.subList(0, args.size() - 1);
    for (String s : sources) {
      if (s.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || s.startsWith("git@")) {
        throw DockerfileException.at(in, "ADD <url> is not supported by berth yet: " + s);
      }
    }
    String dest = args.get(args.size() - 1);
    if (!dest.startsWith("/")) {
      String wd = state.workingDir.isEmpty() ? "/" : state.workingDir;
      dest = (wd.endsWith("/") ? wd : wd + "/") + dest;
    }
    String from =
        in.flags().containsKey("from") ? Run.wordOf(in, words, in.flags().get("from")) : "";
    Integer chmod = null;
    if (in.flags().containsKey("chmod")) {
      String text = Run.wordOf(in, words, in.flags().get("chmod"));
      try {
        chmod = Integer.parseInt(text, 8);
      } catch (NumberFormatException e) {
        chmod = -1;
      }
      if (chmod < 0 || chmod > 07777) {
        throw DockerfileException.at(
            in, "invalid --chmod=" + text + ": use an octal mode like 755");
      }
    }
    try (LayerView target = run.view(state);
        SourceView source = source(from)) {
      Integer uid = null;
      Integer gid = null;
      if (in.flags().containsKey("chown")) {
        int[] owner = Run.owner(in, Run.wordOf(in, words, in.flags().get("chown")), target.root());
        uid = owner[0];
        gid = owner[1];
      }
      CopyPlan plan;
      try {
        plan =
            CopyPlan.make(
                source.copySource(),
                new CopyPlan.Options(sources, dest, uid, gid, chmod, add),
                target.root());
        chain(
            in.keyword()
                + " from "
                + source.identity()
                + " "
                + args
                + " "
                + uid
                + ":"
                + gid
                + " "
                + chmod
                + " "
                + plan.digest());
      } catch (CopyPlan.CopyException | IOException e) {
        throw DockerfileException.at(in, e.getMessage());
      }
      LayerRef hit = run.cachedLayer(state.cacheKey);
      if (hit != null) {
        run.out().stream(" ---> Using cache\n");
        run.countCached();
        state.layers.add(hit);
        return;
      }
      PackedLayer layer;
      try {
        layer = plan.write(run.newLayerFile());
      } catch (CopyPlan.CopyException | IOException e) {
        throw DockerfileException.at(in, e.getMessage());
      }
      run.addLayer(state, layer, state.cacheKey);
    }
  }

  /** Where a COPY reads: the context, an earlier stage, a named context or an image. */
  private SourceView source(String from) throws EngineException {
    BuildRequest request = run.request();
    if (from.isEmpty()) {
      return new SourceView(
          new CopySource("build context", request.context()), "context", null, run.ignore());
    }
    StageState stage = run.stage(from);
    if (stage != null) {
      LayerView view = run.view(stage);
      return new SourceView(
          new CopySource("stage " + from, view.root()),
          "stage " + stage.cacheKey,
          view,
          DockerIgnore.NONE);
    }
    if (request.contexts().containsKey(from)) {
      Path dir = request.contexts().get(from);
      if (!Files.isDirectory(dir)) {
        throw DockerfileException.at(
            in, "named context \"" + from + "\" (" + dir + ") is not a directory");
      }
      return new SourceView(
          new CopySource("context " + from, dir), "named context " + from, null, DockerIgnore.NONE);
    }
    ImageRecord image = run.image(from, false);
    StageState imageState = run.stateOf(image);
    LayerView view = run.view(imageState);
    return new SourceView(
        new CopySource("image " + from, view.root()),
        "image " + image.id(),
        view,
        DockerIgnore.NONE);
  }

  /** A COPY source with the view to close afterwards. */
  private record SourceView(CopySource source, String identity, LayerView view, DockerIgnore ignore)
      implements AutoCloseable {
    CopySource copySource() {
      return new CopySource(source.name(), source.root(), ignore);
    }

    @Override
    public void close() throws EngineException {
      if (view != null) {
        view.close();
      }
    }
  }

  private void workdir() throws EngineException {
    String dir = single();
    if (!dir.startsWith("/")) {
      String wd = state.workingDir.isEmpty() ? "/" : state.workingDir;
      dir = (wd.endsWith("/") ? wd : wd + "/") + dir;
    }
    dir = "/" + DockerIgnore.clean(dir);
    state.workingDir = dir;
    chain("WORKDIR " + dir);
    boolean exists;
    try (LayerView view = run.view(state)) {
      String real = ScopedPath.resolve(view.root(), dir);
      exists = Files.isDirectory(view.root().resolve(real), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "WORKDIR " + dir + ": " + e, e);
    }
    if (exists || dir.equals("/")) {
      return;
    }
    LayerRef hit = run.cachedLayer(state.cacheKey);
    if (hit != null) {
      state.layers.add(hit);
      run.countCached();
      return;
    }
    try (LayerTarWriter out = new LayerTarWriter(run.newLayerFile())) {
      String path = "";
      for (String part : DockerIgnore.clean(dir).split("/")) {
        path = CopyPlan.join(path, part);
        out.directory(path, Run.dirMeta());
      }
      run.addLayer(state, out.finish(), state.cacheKey);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "WORKDIR " + dir + ": " + e, e);
    }
  }

  private Healthcheck healthcheck() throws DockerfileException {
    String args = in.args().strip();
    if (args.equalsIgnoreCase("NONE")) {
      if (!in.flags().isEmpty()) {
        throw DockerfileException.at(in, "HEALTHCHECK NONE takes no options");
      }
      return Run.noHealthcheck();
    }
    String[] split = args.split("\\s+", 2);
    if (!split[0].equalsIgnoreCase("CMD") || split.length < 2) {
      throw DockerfileException.at(in, "expects NONE or CMD <command>, got \"" + args + "\"");
    }
    List<String> json = DockerfileParser.jsonArray(split[1].strip());
    List<String> test = new ArrayList<>();
    if (json != null) {
      test.add("CMD");
      test.addAll(json);
    } else {
      test.add("CMD-SHELL");
      test.add(split[1].strip());
    }
    int retries = 0;
    if (in.flags().containsKey("retries")) {
      try {
        retries = Integer.parseInt(in.flags().get("retries"));
      } catch (NumberFormatException e) {
        retries = -1;
      }
      if (retries < 1) {
        throw DockerfileException.at(
            in, "--retries must be at least 1, got " + in.flags().get("retries"));
      }
    }
    return new Healthcheck(
        test,
        duration("interval"),
        duration("timeout"),
        duration("start-period"),
        duration("start-interval"),
        retries);
  }

  private Duration duration(String flag) throws DockerfileException {
    String text = in.flags().get(flag);
    if (text == null) {
      return Duration.ZERO;
    }
    Duration d = GoDuration.parse(text);
    if (d == null || d.isNegative()) {
      throw DockerfileException.at(
          in, "--" + flag + "=" + text + ": not a duration (like 30s or 1m30s)");
    }
    return d;
  }

  /** {@code 80}, {@code 80/udp}, {@code 8000-8002/tcp} into {@code port/proto} entries. */
  private List<String> ports(String spec) throws DockerfileException {
    String proto = "tcp";
    String range = spec;
    int slash = spec.indexOf('/');
    if (slash >= 0) {
      proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
      range = spec.substring(0, slash);
    }
    if (!proto.matches("tcp|udp|sctp") || !range.matches("\\d+(-\\d+)?")) {
      throw DockerfileException.at(in, "invalid port \"" + spec + "\"");
    }
    String[] ends = range.split("-");
    int lo = Integer.parseInt(ends[0]);
    int hi = ends.length > 1 ? Integer.parseInt(ends[1]) : lo;
    if (lo < 1 || hi > 65535 || hi < lo) {
      throw DockerfileException.at(in, "invalid port range \"" + spec + "\"");
    }
    List<String> out = new ArrayList<>();
    for (int p = lo; p <= hi; p++) {
      out.add(p + "/" + proto);
    }
    return out;
  }
}
