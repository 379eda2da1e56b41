package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.loader.interpolation.Interpolator;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loader's entry point: from a {@link LoadRequest} to a validated, normalized {@link Project}
 * in the reference's pipeline order.
 */
public final class ComposeLoader {
  private final LoadRequest req;
  private final List<String> warnings = new ArrayList<>();

  private ComposeLoader(LoadRequest req) {
    this.req = req;
  }

  /** Loads the project {@code req} describes. */
  public static LoadedProject load(LoadRequest req) throws BerthException {
    return new ComposeLoader(req).run();
  }

  /** Only the interpolation environment ({@code .env}, {@code --env-file}, shell). */
  public static Map<String, String> environment(LoadRequest req) throws BerthException {
    return ProjectSetup.environmentOnly(req);
  }

  private boolean validate() {
    return !req.has(LoadSwitch.NO_VALIDATION);
  }

  private LoadedProject run() throws BerthException {
    ProjectSetup setup = ProjectSetup.resolve(req, warnings::add);
    Map<String, String> env = new LinkedHashMap<>(setup.environment());
    boolean interpolate = !req.has(LoadSwitch.NO_INTERPOLATE);
    FileLoader raw =
        new FileLoader(
            req.cwd().toAbsolutePath().normalize(),
            env,
            interpolate,
            warnings::add,
            req.stdin(),
            validate());
    List<List<Node>> docs = new ArrayList<>();
    for (String f : setup.files()) {
      docs.add(raw.parse(f));
    }
    String name = projectName(setup, docs, env);
    env.put("COMPOSE_PROJECT_NAME", name);
    FileLoader files =
        new FileLoader(
            req.cwd().toAbsolutePath().normalize(),
            env,
            interpolate,
            warnings::add,
            req.stdin(),
            validate());
    MapNode merged = null;
    for (int i = 0; i < setup.files().size(); i++) {
      String file = setup.files().get(i);
      MapNode fileTree = null;
      for (Node d : docs.get(i)) {
        MapNode prepared = files.prepare((MapNode) d);
        fileTree = fileTree == null ? prepared : Merger.merge(fileTree, prepared);
      }
      if (fileTree == null) {
        continue;
      }
      if (fileTree.has("version")) {
        warnings.add(
            file
                + ": the attribute `version` is obsolete, it will be ignored, please remove it to"
                + " avoid potential confusion");
      }
      fileTree =
          new Includes(req, warnings::add, validate())
              .apply(fileTree, setup.workingDir(), env, new ArrayList<>(List.of(file)));
      fileTree = new Extends(files, setup.workingDir()).apply(fileTree, file);
      merged = merged == null ? fileTree : Merger.merge(merged, fileTree);
    }
    if (merged == null || merged.size() == 0) {
      throw new BerthException(ErrorKind.INVALID_ARGUMENT, "empty compose file");
    }
    merged = (MapNode) Merger.stripTags(merged);
    merged = Unicity.apply(merged);
    if (validate()) {
      ResourceChecks.check(merged);
    }
    merged = merged.without("version");
    MapNode rawMerged = merged;
    merged = Defaults.apply(merged);
    merged = Defaults.contents(merged, env);
    MapNode tree = merged.without("name");
    tree = withName(tree, name);
    if (!req.has(LoadSwitch.NO_NORMALIZE)) {
      tree = Normalizer.apply(tree, env, name);
    }
    if (!req.has(LoadSwitch.NO_PATH_RESOLUTION)) {
      tree = PathResolver.resolve(tree, setup.workingDir().toString(), env.get("HOME"));
    }
    MapNode services = Nodes.mapOrNull(tree.get("services"));
    if (services == null) {
      services = MapNode.empty(Mark.NONE);
    }
    List<String> active = new ArrayList<>(req.profiles());
    if (active.isEmpty() && env.get("COMPOSE_PROFILES") != null) {
      for (String p : env.get("COMPOSE_PROFILES").split(",")) {
        if (!p.isBlank()) {
          active.add(p.strip());
        }
      }
    }
    Profiles profiles = Profiles.apply(services, active, req.services());
    tree = tree.with("services", profiles.enabled());
    if (!req.has(LoadSwitch.NO_CONSISTENCY)) {
      Consistency.check(tree, profiles.disabled());
      ServiceLimits.containerNames(profiles.enabled());
    }
    for (String s : req.services()) {
      if (!profiles.enabled().has(s)) {
        throw new BerthException(ErrorKind.NOT_FOUND, "no such service: " + s);
      }
    }
    MapNode enabled = EnvFiles.labelFiles(profiles.enabled(), setup.workingDir());
    if (!req.has(LoadSwitch.NO_ENV_RESOLUTION)) {
      enabled = EnvFiles.resolve(enabled, env, setup.workingDir());
      enabled = EnvFiles.resolveBare(enabled, env);
    }
    tree = tree.with("services", enabled);
    List<Path> configFiles = new ArrayList<>();
    for (String f : setup.files()) {
      configFiles.add(f.equals("-") ? setup.workingDir().resolve("-") : Path.of(f));
    }
    Project project = new Project(name, setup.workingDir(), configFiles, tree);
    return new LoadedProject(project, env, rawMerged, warnings);
  }

  private static MapNode withName(MapNode tree, String name) {
    Map<String, Node> out = new LinkedHashMap<>();
    out.put("name", Nodes.str(name));
    out.putAll(tree.entries());
    return new MapNode(out, tree.keyMarks(), tree.mark());
  }

  private String projectName(ProjectSetup setup, List<List<Node>> docs, Map<String, String> env)
      throws BerthException {
    if (req.projectName() != null && !req.projectName().isEmpty()) {
      ProjectName.validate(req.projectName());
      return req.projectName();
    }
    String fromEnv = env.get("COMPOSE_PROJECT_NAME");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      ProjectName.validate(fromEnv);
      return fromEnv;
    }
    String fromYaml = null;
    for (List<Node> fileDocs : docs) {
      for (Node d : fileDocs) {
        Node n = ((MapNode) d).get("name");
        if (n instanceof ScalarNode s && !s.isNull() && !s.text().isEmpty()) {
          fromYaml = s.text();
          if (!req.has(LoadSwitch.NO_INTERPOLATE)) {
            Node interpolated =
                new Interpolator(env::get, warnings::add)
                    .interpolate(Nodes.map(s.mark(), "name", s));
            fromYaml = Nodes.text(((MapNode) interpolated).get("name"));
          }
        }
      }
    }
    if (fromYaml != null) {
      String normalized =
          req.has(LoadSwitch.NO_NORMALIZE) ? fromYaml : ProjectName.normalize(fromYaml);
      if (!normalized.isEmpty()) {
        return normalized;
      }
    }
    Path dir = setup.workingDir();
    String base = dir.getFileName() == null ? "" : dir.getFileName().toString();
    String name = ProjectName.normalize(base);
    if (name.isEmpty()) {
      throw new BerthException(ErrorKind.INVALID_ARGUMENT, "project name must not be empty");
    }
    return name;
  }
}
