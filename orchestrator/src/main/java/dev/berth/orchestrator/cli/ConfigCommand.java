package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.loader.ComposeLoader;
import dev.berth.orchestrator.loader.LoadRequest;
import dev.berth.orchestrator.loader.LoadSwitch;
import dev.berth.orchestrator.loader.LoadedProject;
import dev.berth.orchestrator.loader.ProjectFilters;
import dev.berth.orchestrator.loader.ServiceHash;
import dev.berth.orchestrator.loader.Variables;
import dev.berth.orchestrator.loader.render.ConfigRenderer;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth config}: validates the project and prints its canonical model. */
@Command(
    name = "config",
    description = "Parse, resolve and render the compose file in canonical format.")
final class ConfigCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    yaml,
    json
  }

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services to show (default: all).")
  List<String> services = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", description = "yaml or json.")
  Format format;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only validate the configuration.")
  boolean quiet;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to this file.")
  Path output;

  @Option(names = "--services", description = "Print the service names, one per line.")
  boolean listServices;

  @Option(names = "--volumes", description = "Print the volume names, one per line.")
  boolean listVolumes;

  @Option(names = "--networks", description = "Print the network names, one per line.")
  boolean listNetworks;

  @Option(names = "--images", description = "Print the image names, one per line.")
  boolean listImages;

  @Option(names = "--profiles", description = "Print the profile names, one per line.")
  boolean listProfiles;

  @Option(names = "--models", description = "Print the model names, one per line.")
  boolean listModels;

  @Option(names = "--hash", paramLabel = "SVC", description = "Print service config hashes.")
  String hash;

  @Option(names = "--variables", description = "Print model variables and default values.")
  boolean variables;

  @Option(names = "--environment", description = "Print the interpolation environment.")
  boolean environment;

  @Option(names = "--no-interpolate", description = "Don't interpolate variables.")
  boolean noInterpolate;

  @Option(names = "--no-normalize", description = "Don't normalize the model.")
  boolean noNormalize;

  @Option(names = "--no-consistency", description = "Don't check model consistency.")
  boolean noConsistency;

  @Option(names = "--no-path-resolution", description = "Don't resolve file paths.")
  boolean noPathResolution;

  @Option(names = "--no-env-resolution", description = "Don't resolve service env files.")
  boolean noEnvResolution;

  @Option(names = "--resolve-image-digests", description = "Accepted; digests are not resolved.")
  boolean resolveImageDigests;

  @Override
  public Integer call() throws BerthException {
    HostContext host = parent.host();
    PrintWriter out = parent.spec.commandLine().getOut();
    if (variables) {
      noInterpolate = true;
    }
    LoadedProject loaded = ComposeLoader.load(request(host));
    PrintWriter err = parent.spec.commandLine().getErr();
    loaded.warnings().forEach(w -> err.println("berth: warning: " + w));
    err.flush();
    Project project = loaded.project();
    if (!listProfiles) {
      project = ProjectFilters.withSelectedServices(project, services);
    }
    project = ProjectFilters.withoutUnusedResources(project);
    String text = render(loaded, project);
    if (quiet || text == null) {
      return 0;
    }
    if (output != null) {
      try {
        Files.writeString(host.cwd().resolve(output), text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new BerthException(ErrorKind.UNAVAILABLE, "write " + output + ": " + e.getMessage());
      }
      return 0;
    }
    out.print(text);
    out.flush();
    return 0;
  }

  private LoadRequest request(HostContext host) {
    GlobalOptions g = parent.global();
    EnumSet<LoadSwitch> switches = EnumSet.noneOf(LoadSwitch.class);
    if (noInterpolate) {
      switches.add(LoadSwitch.NO_INTERPOLATE);
    }
    if (noNormalize) {
      switches.add(LoadSwitch.NO_NORMALIZE);
    }
    if (noConsistency || noInterpolate) {
      // like docker compose, the raw model (--no-interpolate, --variables) is not cross-checked
      switches.add(LoadSwitch.NO_CONSISTENCY);
    }
    if (noPathResolution) {
      switches.add(LoadSwitch.NO_PATH_RESOLUTION);
    }
    if (noEnvResolution
        || listServices
        || listVolumes
        || listImages
        || listProfiles
        || hash != null) {
      switches.add(LoadSwitch.NO_ENV_RESOLUTION);
    }
    boolean needsStdin = g.files().contains("-");
    List<String> envFiles = new ArrayList<>();
    g.envFiles().forEach(p -> envFiles.add(p.toString()));
    return new LoadRequest(
        host.cwd(),
        host.env(),
        g.files(),
        g.projectName(),
        g.projectDirectory(),
        envFiles,
        g.profiles(),
        listProfiles ? List.of() : services,
        switches,
        needsStdin ? host.stdinText() : null);
  }

  private String render(LoadedProject loaded, Project project) throws BerthException {
    MapNode tree = project.tree();
    if (listServices) {
      return lines(project.services().keys());
    }
    if (listVolumes) {
      return lines(project.section("volumes").keys());
    }
    if (listNetworks) {
      return lines(project.section("networks").keys());
    }
    if (listModels) {
      return lines(project.section("models").keys());
    }
    if (listImages) {
      List<String> images = new ArrayList<>();
      project.services().entries().forEach((name, s) -> images.add(image(project, name, s)));
      return lines(images);
    }
    if (listProfiles) {
      return lines(new TreeSet<>(profiles(loaded.merged())));
    }
    if (hash != null) {
      return hashes(project);
    }
    if (variables) {
      return variables(loaded.merged());
    }
    if (environment) {
      StringBuilder sb = new StringBuilder();
      new java.util.TreeMap<>(loaded.environment())
          .forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
      return sb.toString();
    }
    if (noInterpolate) {
      MapNode raw = loaded.merged();
      return format == Format.json
          ? ConfigRenderer.sortedJson(raw) + "\n"
          : ConfigRenderer.sortedYaml(raw);
    }
    String text =
        format == Format.json ? ConfigRenderer.json(tree) + "\n" : ConfigRenderer.yaml(tree);
    return text.replace("$", "$$");
  }

  private static String image(Project project, String name, Node s) {
    if (s instanceof MapNode m && m.get("image") instanceof ScalarNode img && !img.isNull()) {
      return img.text();
    }
    return project.name() + "-" + name;
  }

  private static List<String> profiles(MapNode merged) {
    List<String> out = new ArrayList<>();
    if (merged.get("services") instanceof MapNode services) {
      for (Node s : services.entries().values()) {
        if (s instanceof MapNode m && m.get("profiles") instanceof SeqNode seq) {
          for (Node p : seq.items()) {
            if (p instanceof ScalarNode sc && !sc.isNull()) {
              out.add(sc.text());
            }
          }
        }
      }
    }
    return out;
  }

  private String hashes(Project project) throws BerthException {
    List<String> names = new ArrayList<>();
    if (hash.equals("*")) {
      names.addAll(project.services().keys());
    } else {
      names.addAll(List.of(hash.split(",")));
    }
    names.sort(null);
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      if (!(project.services().get(n) instanceof MapNode s)) {
        throw new BerthException(ErrorKind.NOT_FOUND, "no such service: " + n);
      }
      sb.append(n).append(' ').append(ServiceHash.of(s)).append('\n');
    }
    return sb.toString();
  }

  private String variables(MapNode merged) {
    Map<String, Variables.Variable> vars = Variables.of(merged);
    if (format == Format.json) {
      Map<String, Object> out = new java.util.TreeMap<>();
      vars.forEach(
          (k, v) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Name", v.name());
            m.put("DefaultValue", v.defaultValue());
            m.put("PresenceValue", v.presenceValue());
            m.put("Required", v.required());
            out.put(k, m);
          });
      // docker compose prints variables with its generic formatter, indented by four
      return ConfigRenderer.writeJson(out, 4) + "\n";
    }
    StringBuilder sb = new StringBuilder("NAME\tREQUIRED\tDEFAULT VALUE\tALTERNATE VALUE\n");
    vars.forEach(
        (k, v) ->
            sb.append(k)
                .append('\t')
                .append(v.required())
                .append('\t')
                .append(v.defaultValue())
                .append('\t')
                .append(v.presenceValue())
                .append('\n'));
    return sb.toString();
  }

  private static String lines(Iterable<String> items) {
    StringBuilder sb = new StringBuilder();
    for (String s : items) {
      sb.append(s).append('\n');
    }
    return sb.toString();
  }
}
