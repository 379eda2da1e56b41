package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.linux.AdoptedOrphans;
import dev.berth.runtime.linux.LinuxException;
import dev.berth.runtime.linux.Signals;
import dev.berth.runtime.log.LogEntry;
import dev.berth.runtime.log.LogQuery;
import dev.berth.runtime.log.LogReader;
import dev.berth.runtime.log.LogRotator;
import dev.berth.runtime.oci.ConmonLauncher;
import dev.berth.runtime.oci.DeleteCall;
import dev.berth.runtime.oci.KillCall;
import dev.berth.runtime.oci.MonitorPaths;
import dev.berth.runtime.oci.PauseCall;
import dev.berth.runtime.oci.ProcessRunner;
import dev.berth.runtime.oci.ResumeCall;
import dev.berth.runtime.oci.RuntimeDetector;
import dev.berth.runtime.oci.RuntimeDriver;
import dev.berth.runtime.oci.SpecJson;
import dev.berth.runtime.oci.StartCall;
import dev.berth.runtime.state.FileTrees;
import dev.berth.runtime.state.JsonFiles;
import dev.berth.runtime.volume.VolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The container service: create, start, stop, kill, wait, pause, exec, remove, logs and inspect,
 * with conmon as each container's monitor. Every change is persisted, so a new instance opened on
 * the same roots re-adopts running containers and still learns their exit codes.
 */
public final class Containers implements AutoCloseable {
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  private final ContainersConfig config;
  private final ConmonLauncher conmon;
  private final Clock clock;
  private final ContainerEvents events;
  private final BundleWriter bundles;
  private final RootfsProvider rootfs;
  private final VolumeStore volumes;
  private final CgroupCleaner cgroups;
  private final ContainerExec exec;
  private final ScheduledExecutorService scheduler;
  private final ContainerRecords records;
  private final RuntimeDrivers drivers;
  private final HealthSupervisor health;
  private final CgroupStats stats;

  /** Whether this engine holds an {@link AdoptedOrphans#adopt()} to release on close. */
  private boolean adopting;

  private Containers(
      ContainersConfig config,
      ProcessRunner runner,
      RootfsProvider rootfs,
      HostFacts host,
      Clock clock,
      ContainerEvents events) {
    this.config = config;
    this.rootfs = rootfs;
    this.clock = clock;
    this.events = events;
    this.records = new ContainerRecords(config.roots());
    this.drivers =
        new RuntimeDrivers(
            new RuntimeDetector(config.cgroupRoot(), config.roots().runRoot()), runner);
    this.conmon = new ConmonLauncher(ConmonLauncher.defaultBinary(), runner);
    this.volumes = new VolumeStore(config.roots().stateRoot().resolve("volumes"));
    this.bundles = new BundleWriter(rootfs, host, volumes);
    this.cgroups = new CgroupCleaner(config.cgroupRoot());
    this.exec = new ContainerExec(conmon);
    this.scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "berth-containers");
              t.setDaemon(true);
              return t;
            });
    this.health = new HealthSupervisor(clock, events);
    this.stats = new CgroupStats(config.cgroupRoot(), clock);
  }

  /**
   * Opens the service on {@code config}'s roots, re-adopting the containers recorded there: those
   * that exited while no engine watched get their exit code from conmon's exit file.
   */
  public static Containers open(
      ContainersConfig config,
      ProcessRunner runner,
      RootfsProvider rootfs,
      HostFacts host,
      Clock clock,
      ContainerEvents events)
      throws EngineException {
    Containers containers = new Containers(config, runner, rootfs, host, clock, events);
    try {
      // what runtimes and monitors leave behind comes to us (reaped by the poller), not to the
      // host's PID 1, which may reap it late and so hold back a container's exit
      AdoptedOrphans.adopt();
      containers.adopting = true;
    } catch (LinuxException e) {
      events.event("", "error", "cannot become a child subreaper: " + e.getMessage());
    }
    containers.adopt();
    long poll = config.pollInterval().toMillis();
    containers.scheduler.scheduleWithFixedDelay(
        containers::poll, poll, poll, TimeUnit.MILLISECONDS);
    return containers;
  }

  /** The anonymous volumes made for container {@code ref} at its creation. */
  public List<String> anonymousVolumes(String ref) throws EngineException {
    return records.get(records.resolve(ref)).anonymousVolumes();
  }

  /** The volumes of this engine. */
  public VolumeStore volumes() {
    return volumes;
  }

  /** Creates a container (bundle, rootfs, volumes) without starting it; returns its id. */
  public String create(ContainerSpec spec) throws EngineException {
    return create(spec, newId());
  }

  /** A fresh container ID: 64 random hex digits, as Docker's. */
  public static String newId() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /**
   * Creates a container with an ID the caller chose with {@link #newId}, e.g. to name what it
   * prepared for the container (a network namespace) before creating it.
   */
  public String create(ContainerSpec spec, String id) throws EngineException {
    if (!id.matches("[0-9a-f]{64}")) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid container id \"" + id + "\"");
    }
    String runtimeId = "berth-" + id.substring(0, 12);
    String name = spec.name().isEmpty() ? runtimeId : spec.name();
    if (!NAME.matcher(name).matches()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "invalid container name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    String runtimeName = spec.runtime().isEmpty() ? config.defaultRuntime() : spec.runtime();
    drivers.get(runtimeName);
    ContainerPaths paths = new ContainerPaths(config.roots(), id, runtimeId);
    synchronized (records) {
      if (records.nameInUse(name)) {
        throw new EngineException(
            ErrorKind.CONFLICT, "container name \"" + name + "\" is already in use");
      }
      List<String> anonymous;
      try {
        anonymous = bundles.write(spec, paths);
      } catch (EngineException | RuntimeException e) {
        try {
          rootfs.release(paths.rootfs());
          discardFiles(paths);
        } catch (EngineException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
      String stopSignal =
          !spec.stopSignal().isEmpty()
              ? spec.stopSignal()
              : spec.image().stopSignal().isEmpty() ? "SIGTERM" : spec.image().stopSignal();
      Duration grace = spec.stopGracePeriod() == null ? DEFAULT_GRACE : spec.stopGracePeriod();
      var health = spec.healthcheck() != null ? spec.healthcheck() : spec.image().healthcheck();
      ContainerRecord record =
          new ContainerRecord(
              id,
              name,
              runtimeId,
              runtimeName,
              ContainerStatus.CREATED,
              0,
              0,
              false,
              clock.instant().toString(),
              "",
              "",
              0,
              false,
              0,
              stopSignal,
              grace.toMillis(),
              spec.restartPolicy().dockerName(),
              health == null || health.disabled() ? null : PersistedHealthcheck.of(health),
              anonymous,
              config.logMaxSize(),
              config.logMaxFiles(),
              spec.imageLayers().stream().map(Path::toString).toList(),
              spec.stdinOpen(),
              spec.stdinOnce());
      records.save(record);
    }
    events.event(id, "create", name);
    return id;
  }

  /** Starts a created or exited container. */
  public void start(String ref) throws EngineException {
    String id = records.resolve(ref);
    synchronized (records.lock(id)) {
      ContainerRecord record = records.get(id);
      if (record.status() == ContainerStatus.RUNNING || record.status() == ContainerStatus.PAUSED) {
        return;
      }
      records.save(record.manuallyStopped(false));
      launch(id);
    }
  }

  /** Stops: the stop signal, then SIGKILL after {@code grace} (null: the container's own). */
  public ContainerState stop(String ref, Duration grace) throws EngineException {
    String id = records.resolve(ref);
    ContainerRecord record;
    boolean signalDiscarded;
    synchronized (records.lock(id)) {
      record = records.get(id);
      if (record.status() == ContainerStatus.RESTARTING) {
        records.save(record.manuallyStopped(true).withStatus(ContainerStatus.EXITED));
        return inspect(id);
      }
      if (!isAlive(record)) {
        return inspect(id);
      }
      records.save(record.manuallyStopped(true));
      // asked before the signal: a process that has just exited is a zombie catching nothing
      signalDiscarded = stopSignalDiscarded(record);
      if (record.status() == ContainerStatus.PAUSED) {
        // a frozen process gets no signal until thawed: kill, then thaw (as Docker does)
        signal(record, "SIGKILL");
        try {
          drivers.get(record.runtime()).run(new ResumeCall(record.runtimeId()));
        } catch (EngineException e) {
          // runc thaws a container it kills itself
        }
      } else if (signalDiscarded) {
        // the process cannot get the signal (a shell or server as PID 1 without a handler): the
        // signal and the grace period would only delay the SIGKILL that ends it either way
        signal(record, "SIGKILL");
      } else {
        signal(record, record.stopSignal());
      }
    }
    Duration wait = grace != null ? grace : Duration.ofMillis(record.stopGraceMs());
    if (signalDiscarded) {
      wait = KILL_WAIT;
    }
    if (awaitExit(id, wait).isEmpty()) {
      synchronized (records.lock(id)) {
        signal(records.get(id), "SIGKILL");
      }
      if (awaitExit(id, KILL_WAIT).isEmpty()) {
        throw new EngineException(
            ErrorKind.INTERNAL, "stop " + record.name() + ": still running after SIGKILL");
      }
    }
    return inspect(id);
  }

  /** Sends {@code signal} (a name like {@code SIGHUP} or a number) to the container's process. */
  public void kill(String ref, String signal) throws EngineException {
    String id = records.resolve(ref);
    synchronized (records.lock(id)) {
      ContainerRecord record = records.get(id);
      if (!isAlive(record)) {
        throw new EngineException(
            ErrorKind.CONFLICT, "container " + record.name() + " is not running");
      }
      if (signal.equals("SIGKILL") || signal.equals("9") || signal.equals(record.stopSignal())) {
        records.save(record.manuallyStopped(true));
      }
      signal(record, signal);
    }
  }

  /** Stops and starts again. */
  public void restart(String ref, Duration grace) throws EngineException {
    stop(ref, grace);
    start(ref);
  }

  /** Freezes the container's processes. */
  public void pause(String ref) throws EngineException {
    String id = records.resolve(ref);
    synchronized (records.lock(id)) {
      ContainerRecord record = records.get(id);
      requireStatus(record, ContainerStatus.RUNNING);
      drivers.get(record.runtime()).run(new PauseCall(record.runtimeId()));
      records.save(record.withStatus(ContainerStatus.PAUSED));
    }
    events.event(id, "pause", "");
  }

  /** Thaws a paused container. */
  public void unpause(String ref) throws EngineException {
    String id = records.resolve(ref);
    synchronized (records.lock(id)) {
      ContainerRecord record = records.get(id);
      requireStatus(record, ContainerStatus.PAUSED);
      drivers.get(record.runtime()).run(new ResumeCall(record.runtimeId()));
      records.save(record.withStatus(ContainerStatus.RUNNING));
    }
    events.event(id, "unpause", "");
  }

  /** Waits until the container is not running and returns its exit code. */
  public int waitFor(String ref, Duration timeout) throws EngineException {
    String id = records.resolve(ref);
    ContainerState state =
        awaitExit(id, timeout)
            .orElseThrow(
                () ->
                    new EngineException(
                        ErrorKind.UNAVAILABLE, "wait " + ref + ": still running after " + timeout));
    return state.exitCode();
  }

  /** Runs an extra process in the running container and returns its exit code and output. */
  public ExecResult exec(String ref, ExecSpec spec, Duration timeout) throws EngineException {
    String id = records.resolve(ref);
    ContainerRecord record = records.get(id);
    requireStatus(record, ContainerStatus.RUNNING);
    ContainerPaths paths = records.paths(record);
    return exec.run(drivers.get(record.runtime()), record.runtimeId(), paths, spec, timeout);
  }

  /**
   * Starts an extra process in the running container whose stdio the caller holds (see {@link
   * ExecProcess}), connected as {@code io} says.
   */
  public ExecProcess startExec(String ref, ExecSpec spec, ExecIo io) throws EngineException {
    String id = records.resolve(ref);
    ContainerRecord record = records.get(id);
    requireStatus(record, ContainerStatus.RUNNING);
    return exec.start(
        drivers.get(record.runtime()), record.runtimeId(), records.paths(record), spec, io);
  }

  /**
   * Runs {@code work} with a running container's processes frozen, so they cannot swap a path for a
   * symlink between berthd resolving it and using it ({@code docker cp} on the host). The status
   * stays as it is: no pause event, and a container paused meanwhile stays paused.
   */
  public void whileFrozen(String ref, FrozenWork work) throws EngineException, IOException {
    String id = records.resolve(ref);
    ContainerRecord record = records.get(id);
    RuntimeDriver driver = drivers.get(record.runtime());
    boolean frozen = false;
    if (record.status() == ContainerStatus.RUNNING) {
      try {
        driver.run(new PauseCall(record.runtimeId()));
        frozen = true;
      } catch (EngineException e) {
        if (isAlive(records.get(id))
            && !Files.exists(records.paths(record).monitor().exitFile(record.runtimeId()))) {
          throw e;
        }
        // it exited meanwhile: no process is left to race with
      }
    }
    try {
      work.run();
    } finally {
      ContainerRecord now = records.find(id);
      if (frozen && now != null && now.status() != ContainerStatus.PAUSED) {
        try {
          driver.run(new ResumeCall(record.runtimeId()));
        } catch (EngineException e) {
          if (isAlive(now)) {
            throw e;
          }
        }
      }
    }
  }

  /** The host pids of the container's processes, for {@code top}. */
  public List<Long> processIds(String ref) throws EngineException {
    List<Long> pids = new ArrayList<>();
    for (String line : top(ref)) {
      pids.add(Long.parseLong(line.split(" ", 2)[0]));
    }
    return pids;
  }

  /** A reading of the running container's cgroup counters. */
  public CgroupSample cgroupSample(String ref) throws EngineException {
    String id = records.resolve(ref);
    ContainerRecord record = records.get(id);
    if (!isAlive(record)) {
      throw new EngineException(
          ErrorKind.CONFLICT, "container " + record.name() + " is not running");
    }
    return stats.sample("/berth/" + record.runtimeId(), record.name());
  }

  /**
   * The container's filesystem as the host sees it, running or not: the rootfs (mounted again if a
   * reboot unmounted it) and the bind mounts of its bundle, for {@code docker cp}.
   */
  public ContainerFilesystem filesystem(String ref) throws EngineException {
    String id = records.resolve(ref);
    synchronized (records.lock(id)) {
      ContainerRecord record = records.get(id);
      ContainerPaths paths = records.paths(record);
      if (!rootfs.isPrepared(paths.rootfs())) {
        rootfs.prepare(record.layerPaths(), paths.rootfs());
      }
      Path config = paths.bundle().resolve("config.json");
      if (!Files.exists(config)) {
        return new ContainerFilesystem(paths.rootfs(), false, List.of());
      }
      try {
        var spec = SpecJson.read(Files.readAllBytes(config));
        List<HostMount> mounts = new ArrayList<>();
        for (var mount : spec.mounts()) {
          List<String> options = mount.options() == null ? List.of() : mount.options();
          if ("bind".equals(mount.type())
              || options.contains("bind")
              || options.contains("rbind")) {
            mounts.add(
                new HostMount(
                    mount.destination(), Path.of(mount.source()), options.contains("ro")));
          }
        }
        boolean readOnly = spec.root() != null && spec.root().readonly();
        return new ContainerFilesystem(paths.rootfs(), readOnly, mounts);
      } catch (IOException e) {
        throw new EngineException(
            ErrorKind.INTERNAL, "reading the mounts of " + record.name() + ": " + e, e);
      }
    }
  }

  /** The pids of the container's processes with their command lines. */
  public List<String> top(String ref) throws EngineException {
    String id = records.resolve(ref);
    ContainerRecord record = records.get(id);
    if (!isAlive(record)) {
      throw new EngineException(
          ErrorKind.CONFLICT, "container " + record.name() + " is not running");
    }
    return exec.top(drivers.get(record.runtime()), record.runtimeId());
  }

  /**
   * Somebody waits for the container's health (a client inspects it): a starting one is probed
   * early from now on instead of on Docker's schedule.
   */
  public void healthAwaited(String ref) throws EngineException {
    health.awaited(records.resolve(ref));
  }

  /** Inspect-level state. */
  public ContainerState inspect(String ref) throws EngineException {
    String id = records.resolve(ref);
    ContainerRecord r = records.get(id);
    return new ContainerState(
        r.id(),
        r.name(),
        r.status(),
        r.pid(),
        r.exitCode(),
        r.oomKilled(),
        r.startedAt().isEmpty() ? Optional.empty() : Optional.of(Instant.parse(r.startedAt())),
        r.finishedAt().isEmpty() ? Optional.empty() : Optional.of(Instant.parse(r.finishedAt())),
        r.restartCount(),
        health.health(r));
  }

  /**
   * conmon's attach socket of a running container (a {@code SOCK_SEQPACKET} unix socket): what is
   * written to it reaches the container's stdin if it was created with one.
   */
  public Path attachSocket(String ref) throws EngineException {
    ContainerRecord record = records.get(records.resolve(ref));
    return records.paths(record).bundle().resolve("attach");
  }

  /** Resizes a running TTY container's terminal through conmon's control FIFO. */
  public void resize(String ref, int height, int width) throws EngineException {
    ContainerRecord record = records.get(records.resolve(ref));
    if (!isAlive(record)) {
      throw new EngineException(
          ErrorKind.CONFLICT, "container " + record.name() + " is not running");
    }
    Path ctl = records.paths(record).monitor().ctlFifo();
    try {
      // 1 = conmon's window resize message
      Files.writeString(ctl, "1 " + height + " " + width + "\n");
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "resize " + record.name() + ": writing " + ctl + ": " + e, e);
    }
  }

  /** The ids of all containers. */
  public List<String> list() {
    return records.all().stream().map(ContainerRecord::id).sorted().toList();
  }

  /** The container's log lines matching {@code query} (not following). */
  public List<LogEntry> logs(String ref, LogQuery query) throws EngineException {
    ContainerRecord record = records.get(records.resolve(ref));
    try {
      return new LogReader(records.paths(record).logs(record.logMaxFiles())).read(query);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "reading logs of " + record.name() + ": " + e.getMessage(), e);
    }
  }

  /** Sends matching log lines to {@code sink}, following until the container stops. */
  public void followLogs(String ref, LogQuery query, Consumer<LogEntry> sink)
      throws EngineException, InterruptedException {
    String id = records.resolve(ref);
    ContainerRecord record = records.get(id);
    BooleanSupplier running =
        () -> {
          ContainerRecord r = records.find(id);
          return r != null && isAlive(r);
        };
    try {
      new LogReader(records.paths(record).logs(record.logMaxFiles())).follow(query, sink, running);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "following logs of " + record.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sends new output as conmon wrote it (partial lines as they come) to {@code sink}, following
   * until the container stops; for attaching clients.
   */
  public void followLogRecords(
      String ref, LogQuery query, Consumer<dev.berth.runtime.log.K8sFileFormat.Record> sink)
      throws EngineException, InterruptedException {
    String id = records.resolve(ref);
    ContainerRecord record = records.get(id);
    BooleanSupplier running =
        () -> {
          ContainerRecord r = records.find(id);
          return r != null && isAlive(r);
        };
    try {
      new LogReader(records.paths(record).logs(record.logMaxFiles()))
          .followRecords(query, sink, running);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "following logs of " + record.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes the container and everything it owns on the host; a running one only with {@code force}
   * (it is killed). Anonymous volumes go too when {@code volumes} is set.
   */
  public void remove(String ref, boolean force, boolean removeVolumes) throws EngineException {
    String id = records.resolve(ref);
    ContainerRecord record;
    synchronized (records.lock(id)) {
      record = records.get(id);
      if (isAlive(record) && !force) {
        throw new EngineException(
            ErrorKind.CONFLICT,
            "cannot remove running container " + record.name() + ": stop it or use force");
      }
      records.save(record.manuallyStopped(true));
      if (isAlive(record)) {
        try {
          signal(record, "SIGKILL");
          if (record.status() == ContainerStatus.PAUSED) {
            // a frozen process dies only once thawed (as stop does)
            drivers.get(record.runtime()).run(new ResumeCall(record.runtimeId()));
          }
        } catch (EngineException e) {
          // the forced delete below kills whatever is left
        }
      }
    }
    if (isAlive(record)) {
      awaitExit(id, KILL_WAIT);
    }
    synchronized (records.lock(id)) {
      record = records.get(id);
      health.stop(id);
      ContainerPaths paths = records.paths(record);
      deleteRuntimeState(record);
      ConmonProcess.awaitExit(paths.monitor());
      rootfs.release(paths.rootfs());
      discardFiles(paths);
      records.forget(id);
      health.forget(id);
      if (removeVolumes) {
        for (String volume : record.anonymousVolumes()) {
          volumes.remove(volume);
        }
      }
    }
    events.event(id, "destroy", record.name());
  }

  /**
   * Stops watching: health monitors and the exit poller end; containers keep running under conmon
   * for the next instance to adopt.
   */
  @Override
  public void close() {
    health.close();
    scheduler.shutdownNow();
    if (adopting) {
      adopting = false;
      AdoptedOrphans.release();
    }
  }

  // ---- lifecycle internals ----

  private void launch(String id) throws EngineException {
    ContainerRecord record = records.get(id);
    ContainerPaths paths = records.paths(record);
    RuntimeDriver driver = drivers.get(record.runtime());
    MonitorPaths monitor = paths.monitor();
    deleteRuntimeState(record);
    try {
      Files.deleteIfExists(monitor.exitFile(record.runtimeId()));
      Files.deleteIfExists(monitor.oomFile());
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "clearing old exit file: " + e, e);
    }
    boolean tty = terminal(paths);
    int pid;
    try {
      if (!rootfs.isPrepared(paths.rootfs())) {
        rootfs.prepare(record.layerPaths(), paths.rootfs()); // e.g. after a reboot
      }
      pid =
          conmon.create(
              driver, record.runtimeId(), monitor, tty, record.stdinOpen(), record.stdinOnce());
    } catch (EngineException e) {
      deleteRuntimeState(record);
      ConmonProcess.awaitExit(monitor);
      records.save(record.exited(-1, false, clock.instant().toString()));
      throw e;
    }
    // recorded before start: an engine killed in between finds it "created" and cleans it up
    Instant now = clock.instant();
    records.save(record.running(pid, now.toString()));
    try {
      driver.run(new StartCall(record.runtimeId()));
    } catch (EngineException e) {
      deleteRuntimeState(record);
      ConmonProcess.awaitExit(monitor);
      records.save(record.exited(-1, false, clock.instant().toString()));
      throw e;
    }
    startHealth(records.get(id), now);
    events.event(id, "start", "");
  }

  private void poll() {
    try {
      pollOnce();
    } catch (RuntimeException e) {
      // a task of scheduleWithFixedDelay that throws is never run again: exits would go unseen
      events.event("", "error", "exit poller: " + e);
    }
  }

  private void pollOnce() {
    AdoptedOrphans.reap();
    for (ContainerRecord record : records.all()) {
      try {
        if (isAlive(record)) {
          if (Files.exists(records.paths(record).monitor().exitFile(record.runtimeId()))) {
            finish(record.id());
          } else if (record.logMaxSize() > 0) {
            ContainerPaths paths = records.paths(record);
            new LogRotator(
                    paths.logs(record.logMaxFiles()),
                    record.logMaxSize(),
                    paths.monitor().ctlFifo())
                .rotateIfNeeded();
          }
        }
      } catch (EngineException | IOException | RuntimeException e) {
        events.event(record.id(), "error", e.getMessage());
      }
    }
  }

  /** Records the exit of a container whose exit file appeared, then applies its restart policy. */
  private void finish(String id) throws EngineException {
    RestartBackoff.Decision decision;
    int code;
    synchronized (records.lock(id)) {
      ContainerRecord record = records.find(id);
      if (record == null || !isAlive(record)) {
        return;
      }
      MonitorPaths monitor = records.paths(record).monitor();
      code = ConmonProcess.exitCode(monitor.exitFile(record.runtimeId()));
      boolean oom =
          Files.exists(monitor.oomFile())
              || Files.exists(monitor.persistDir().resolve("oom"))
              || cgroups.oomKilled("/berth/" + record.runtimeId());
      health.stop(id);
      deleteRuntimeState(record);
      Instant now = clock.instant();
      ContainerRecord exited = record.exited(code, oom, now.toString());
      Duration ran =
          record.startedAt().isEmpty()
              ? Duration.ZERO
              : Duration.between(Instant.parse(record.startedAt()), now);
      decision =
          RestartBackoff.decide(
              RestartPolicy.parse(record.restartPolicy()),
              code,
              record.manuallyStopped(),
              record.restartCount(),
              Duration.ofMillis(record.restartDelayMs()),
              ran);
      records.save(decision.restart() ? exited.restarting(decision.delay().toMillis()) : exited);
    }
    events.event(id, "die", Integer.toString(code));
    if (decision.restart()) {
      scheduler.schedule(
          () -> restartAfterBackoff(id), decision.delay().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void restartAfterBackoff(String id) {
    try {
      synchronized (records.lock(id)) {
        ContainerRecord record = records.find(id);
        if (record == null || record.status() != ContainerStatus.RESTARTING) {
          return;
        }
        launch(id);
      }
      events.event(id, "restart", "");
    } catch (EngineException e) {
      events.event(id, "error", e.getMessage());
    }
  }

  private Optional<ContainerState> awaitExit(String id, Duration timeout) throws EngineException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ContainerRecord record = records.get(id);
      if (isAlive(record)
          && Files.exists(records.paths(record).monitor().exitFile(record.runtimeId()))) {
        finish(id);
        record = records.get(id);
      }
      if (!isAlive(record)) {
        return Optional.of(inspect(id));
      }
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineException(ErrorKind.UNAVAILABLE, "interrupted waiting for " + id, e);
      }
    }
  }

  private void adopt() throws EngineException {
    Path dir = config.roots().stateRoot().resolve("containers");
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> files;
    List<Path> unfinished;
    try (Stream<Path> entries = Files.list(dir)) {
      List<Path> dirs = entries.toList();
      files = dirs.stream().map(p -> p.resolve("container.json")).filter(Files::exists).toList();
      unfinished = dirs.stream().filter(p -> !Files.exists(p.resolve("container.json"))).toList();
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "listing " + dir + ": " + e, e);
    }
    for (Path half : unfinished) {
      // a create the engine did not finish: no record was written, so nothing else refers to it
      String id = half.getFileName().toString();
      rootfs.release(half.resolve("rootfs"));
      try {
        FileTrees.deleteTree(half);
        if (id.length() >= 12) {
          FileTrees.deleteTree(
              config.roots().runRoot().resolve("c").resolve("berth-" + id.substring(0, 12)));
        }
      } catch (IOException e) {
        throw new EngineException(ErrorKind.INTERNAL, "removing " + half + ": " + e, e);
      }
    }
    for (Path file : files) {
      ContainerRecord record = JsonFiles.read(file, ContainerRecord.class);
      records.adopt(record);
      if (record.status() == ContainerStatus.CREATED || record.status() == ContainerStatus.EXITED) {
        // an engine killed during start may have left a created container and its conmon
        deleteRuntimeState(record);
        ConmonProcess.awaitExit(records.paths(record).monitor());
      }
      if (record.status() == ContainerStatus.RESTARTING) {
        scheduler.schedule(() -> restartAfterBackoff(record.id()), 0, TimeUnit.MILLISECONDS);
      } else if (isAlive(record)) {
        MonitorPaths monitor = records.paths(record).monitor();
        boolean exited = Files.exists(monitor.exitFile(record.runtimeId()));
        if (!exited && !ConmonProcess.alive(monitor)) {
          // the monitor is gone without an exit file: nothing will ever report this one
          records.save(record.exited(255, false, clock.instant().toString()));
          deleteRuntimeState(record);
        } else if (!exited && neverStarted(record)) {
          // the engine died between create and start: the start did not happen
          deleteRuntimeState(record);
          ConmonProcess.awaitExit(monitor);
          records.save(record.exited(-1, false, clock.instant().toString()));
        } else if (!exited && record.startedAt().length() > 0) {
          startHealth(record, Instant.parse(record.startedAt()));
        }
      }
    }
  }

  // ---- helpers ----

  private boolean neverStarted(ContainerRecord record) {
    try {
      return drivers.get(record.runtime()).status(record.runtimeId()).equals("created");
    } catch (EngineException e) {
      return false;
    }
  }

  private static boolean stopSignalDiscarded(ContainerRecord record) {
    OptionalInt number = Signals.number(record.stopSignal());
    return record.status() != ContainerStatus.PAUSED
        && record.pid() > 0
        && number.isPresent()
        && Signals.discardedByNamespaceInit(record.pid(), number.getAsInt());
  }

  private void signal(ContainerRecord record, String signal) throws EngineException {
    try {
      drivers.get(record.runtime()).run(new KillCall(record.runtimeId(), signal, false));
    } catch (EngineException e) {
      if (!Files.exists(records.paths(record).monitor().exitFile(record.runtimeId()))
          && !initProcessGone(e)) {
        throw e;
      }
      // it exited meanwhile (perhaps before its monitor wrote the exit file): the signal has
      // nothing left to do
    }
  }

  /**
   * Whether the runtime refused a signal because the init process has already exited: crun says "No
   * such process" (ESRCH from opening its pidfd), runc "not running" or "process already finished".
   */
  private static boolean initProcessGone(EngineException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("No such process")
        || message.contains("container not running")
        || message.contains("process already finished");
  }

  private void deleteRuntimeState(ContainerRecord record) {
    try {
      RuntimeDriver driver = drivers.get(record.runtime());
      if (driver.hasState(record.runtimeId())) {
        driver.run(new DeleteCall(record.runtimeId(), true));
      }
    } catch (EngineException e) {
      // not created, or already deleted
    }
    cgroups.remove("/berth/" + record.runtimeId());
  }

  private void startHealth(ContainerRecord record, Instant startedAt) throws EngineException {
    RuntimeDriver driver = drivers.get(record.runtime());
    ContainerPaths paths = records.paths(record);
    health.start(
        record,
        (command, timeout) -> exec.probe(driver, record, paths, command, timeout, clock),
        startedAt);
  }

  private static boolean terminal(ContainerPaths paths) throws EngineException {
    try {
      return SpecJson.read(Files.readAllBytes(paths.bundle().resolve("config.json")))
          .process()
          .terminal();
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "reading " + paths.bundle() + ": " + e, e);
    }
  }

  private static boolean isAlive(ContainerRecord record) {
    return record.status() == ContainerStatus.RUNNING || record.status() == ContainerStatus.PAUSED;
  }

  private static void requireStatus(ContainerRecord record, ContainerStatus status)
      throws EngineException {
    if (record.status() != status) {
      throw new EngineException(
          ErrorKind.CONFLICT,
          "container "
              + record.name()
              + " is "
              + record.status().dockerName()
              + ", not "
              + status.dockerName());
    }
  }

  private static void discardFiles(ContainerPaths paths) throws EngineException {
    try {
      FileTrees.deleteTree(paths.bundle());
      FileTrees.deleteTree(paths.stateDir());
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "removing files of " + paths.id() + ": " + e.getMessage(), e);
    }
  }
}
