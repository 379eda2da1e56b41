package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.loader.ProjectFilters;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.orchestrator.plan.RecreatePolicy;
import dev.berth.orchestrator.reconcile.BuildOptions;
import dev.berth.orchestrator.reconcile.Reconciler;
import dev.berth.orchestrator.reconcile.UpOptions;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth up}: create and start the project's containers. */
@Command(name = "up", description = "Create and start containers.")
final class UpCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services to start (default: all).")
  List<String> services = new ArrayList<>();

  @Option(
      names = {"-d", "--detach"},
      description = "Detached mode: run containers in the background.")
  boolean detach;

  @Option(names = "--wait", description = "Wait for services to be running|healthy. Implies -d.")
  boolean waitReady;

  @Option(
      names = "--wait-timeout",
      paramLabel = "SECONDS",
      description = "Maximum duration in seconds to wait for the project to be running|healthy.")
  Integer waitTimeout;

  @Option(names = "--force-recreate", description = "Recreate containers even if unchanged.")
  boolean forceRecreate;

  @Option(names = "--no-recreate", description = "Don't recreate existing containers.")
  boolean noRecreate;

  @Option(names = "--remove-orphans", description = "Remove containers of services not defined.")
  boolean removeOrphans;

  @Option(names = "--no-start", description = "Don't start the services after creating them.")
  boolean noStart;

  @Option(
      names = "--pull",
      paramLabel = "POLICY",
      description = "Pull image before running (always|missing|never).")
  String pull;

  @Option(
      names = "--scale",
      paramLabel = "SERVICE=NUM",
      description = "Scale SERVICE to NUM instances; overrides scale in the compose file.")
  List<String> scale = new ArrayList<>();

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "SECONDS",
      description = "Shutdown timeout in seconds when containers are replaced.")
  Integer timeout;

  @Option(
      names = "--abort-on-container-exit",
      description = "Stops all containers if any container was stopped. Incompatible with -d.")
  boolean abortOnExit;

  @Option(
      names = "--abort-on-container-failure",
      description = "Stops all containers if any container exited with failure.")
  boolean abortOnFailure;

  @Option(
      names = "--exit-code-from",
      paramLabel = "SERVICE",
      description =
          "Return the exit code of the selected service container."
              + " Implies --abort-on-container-exit.")
  String exitCodeFrom;

  @Option(
      names = "--attach",
      paramLabel = "SERVICE",
      description = "Restrict attaching to the specified services.")
  List<String> attach = new ArrayList<>();

  @Option(
      names = "--no-attach",
      paramLabel = "SERVICE",
      description = "Do not attach (stream logs) to the specified services.")
  List<String> noAttach = new ArrayList<>();

  @Option(names = "--build", description = "Build images before starting containers.")
  boolean build;

  @Option(
      names = "--no-build",
      description = "Don't build an image, even if it's policy says to (fails when missing).")
  boolean noBuild;

  @Option(names = "--no-log-prefix", description = "Don't print prefix in logs.")
  boolean noLogPrefix;

  @Option(names = "--no-color", description = "Produce monochrome output.")
  boolean noColor;

  @Option(
      names = {"-V", "--renew-anon-volumes"},
      description =
          "Recreate anonymous volumes instead of retrieving data from the previous containers.")
  boolean renewAnonVolumes;

  @Option(names = "--no-deps", description = "Don't start linked services.")
  boolean noDeps;

  @Option(names = "--quiet-pull", description = "Pull without printing progress information.")
  boolean quietPull;

  @Option(names = "--timestamps", description = "Show timestamps.")
  boolean timestamps;

  @Option(
      names = {"-y", "--yes"},
      description = "Assume \"yes\" as answer to all prompts and run non-interactively.")
  boolean yes;

  @Override
  public Integer call() throws BerthException, EngineException {
    if (forceRecreate && noRecreate) {
      throw new BerthException(
          ErrorKind.USAGE, "--force-recreate and --no-recreate are incompatible");
    }
    var env = parent.host().env();
    if (!removeOrphans && "true".equalsIgnoreCase(env.getOrDefault("COMPOSE_REMOVE_ORPHANS", ""))) {
      removeOrphans = true;
    }
    boolean attached = !detach && !waitReady;
    if (!attached && (abortOnExit || abortOnFailure || exitCodeFrom != null)) {
      throw new BerthException(
          ErrorKind.USAGE,
          "--abort-on-container-exit, --abort-on-container-failure and --exit-code-from"
              + " need an attached up (no -d or --wait)");
    }
    if (abortOnExit && abortOnFailure) {
      throw new BerthException(
          ErrorKind.USAGE,
          "--abort-on-container-exit and --abort-on-container-failure are incompatible");
    }
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      Reconciler reconciler =
          new Reconciler(session.engine(), session.progress(), session.parallel());
      if (exitCodeFrom != null && session.project().service(exitCodeFrom).isEmpty()) {
        throw new BerthException(
            ErrorKind.NOT_FOUND, "--exit-code-from: no such service: " + exitCodeFrom);
      }
      reconciler.up(session.project(), services, options(), buildOptions());
      if (attached && !noStart) {
        return attach(session);
      }
      if (waitReady) {
        reconciler.awaitReady(
            session.project(),
            services,
            waitTimeout == null ? null : Duration.ofSeconds(waitTimeout));
      }
    }
    return 0;
  }

  private int attach(ProjectSession session) throws BerthException, EngineException {
    Project selected = ProjectFilters.withSelectedServices(session.project(), services);
    List<ContainerInfo> all = new ArrayList<>();
    for (String s : selected.serviceNames()) {
      all.addAll(session.engine().containers(Labels.ofService(selected.name(), s), true));
    }
    List<String> attachTo = attach.isEmpty() ? selected.serviceNames() : attach;
    List<ContainerInfo> attached = new ArrayList<>();
    for (ContainerInfo c : all) {
      String service = c.label(Labels.SERVICE).orElse("");
      if (attachTo.contains(service) && !noAttach.contains(service)) {
        attached.add(c);
      }
    }
    attached.sort(java.util.Comparator.comparing(ContainerInfo::name));
    String prefix = selected.name() + "-";
    LogPrinter printer =
        new LogPrinter(
            session.out(),
            attached.stream()
                .map(c -> c.name().replaceFirst("^" + java.util.regex.Pattern.quote(prefix), ""))
                .toList(),
            !noLogPrefix,
            Colours.enabled(parent.global().ansi(), noColor, parent.host()));
    AttachedUp.Cascade cascade =
        abortOnExit || exitCodeFrom != null
            ? AttachedUp.Cascade.ON_EXIT
            : abortOnFailure ? AttachedUp.Cascade.ON_FAILURE : AttachedUp.Cascade.NONE;
    return new AttachedUp(
            session.engine(),
            session.progress(),
            printer,
            selected,
            timestamps,
            parent.host().interrupts())
        .run(
            attached,
            all,
            cascade,
            exitCodeFrom,
            Duration.ofSeconds(timeout == null ? 10 : timeout));
  }

  private UpOptions options() throws BerthException {
    RecreatePolicy policy =
        forceRecreate
            ? RecreatePolicy.FORCE
            : noRecreate ? RecreatePolicy.NEVER : RecreatePolicy.DIVERGED;
    if (pull != null && !List.of("always", "missing", "never").contains(pull)) {
      throw new BerthException(
          ErrorKind.USAGE, "invalid --pull value \"" + pull + "\": use always, missing or never");
    }
    return new UpOptions(
        policy,
        removeOrphans,
        noStart,
        pull,
        scales(),
        Duration.ofSeconds(timeout == null ? 10 : timeout),
        renewAnonVolumes,
        noDeps);
  }

  /** {@code --build}: always; {@code --no-build}: never (missing images fail); else missing. */
  private BuildOptions buildOptions() throws BerthException {
    if (build && noBuild) {
      throw new BerthException(ErrorKind.USAGE, "--build and --no-build are incompatible");
    }
    BuildOptions.Mode mode =
        build
            ? BuildOptions.Mode.ALWAYS
            : noBuild ? BuildOptions.Mode.NEVER : BuildOptions.Mode.MISSING;
    return new BuildOptions(mode, false, false, Map.of(), false);
  }

  private Map<String, Integer> scales() throws BerthException {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String s : scale) {
      int eq = s.indexOf('=');
      try {
        out.put(s.substring(0, eq), Integer.parseInt(s.substring(eq + 1)));
      } catch (RuntimeException e) {
        throw new BerthException(
            ErrorKind.USAGE, "invalid --scale \"" + s + "\": expected SERVICE=NUMBER");
      }
    }
    return out;
  }
}
