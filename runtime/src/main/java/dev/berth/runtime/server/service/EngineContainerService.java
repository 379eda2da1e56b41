package dev.berth.runtime.server.service;

import dev.berth.runtime.api.ContainerCreateTemplate;
import dev.berth.runtime.api.ContainerCreateTemplate.EndpointTemplate;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.container.CommandMerger;
import dev.berth.runtime.container.ContainerSpec;
import dev.berth.runtime.container.ContainerState;
import dev.berth.runtime.container.ContainerStatus;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.container.ImageConfig;
import dev.berth.runtime.container.NetworkAttachment;
import dev.berth.runtime.image.store.ImageRecord;
import dev.berth.runtime.image.store.ImageStore;
import dev.berth.runtime.log.LogEntry;
import dev.berth.runtime.log.LogQuery;
import dev.berth.runtime.network.BridgeNetwork;
import dev.berth.runtime.network.dns.ExtraHost;
import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.netns.Netns;
import dev.berth.runtime.network.ports.PortBinding;
import dev.berth.runtime.network.ports.PublishedPort;
import dev.berth.runtime.server.engine.AttachOptions;
import dev.berth.runtime.server.engine.ContainerAttachment;
import dev.berth.runtime.server.engine.ContainerCounts;
import dev.berth.runtime.server.engine.ContainerDetails;
import dev.berth.runtime.server.engine.ContainerLinks;
import dev.berth.runtime.server.engine.ContainerService;
import dev.berth.runtime.server.engine.EngineEvent;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.engine.ExitStatus;
import dev.berth.runtime.server.engine.LogOptions;
import dev.berth.runtime.server.engine.LogSink;
import dev.berth.runtime.server.engine.WaitCondition;
import dev.berth.runtime.server.http.ServerLog;
import dev.berth.runtime.state.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The container service berthd serves: Docker's containers over the engine's {@link Containers},
 * images from the {@link ImageStore} and endpoints from the network driver. Each bridged container
 * has its own network namespace from create to removal; its ports are published while it runs.
 */
public final class EngineContainerService
    implements ContainerService, ContainerLinks, AutoCloseable {
  private static final Duration KILL_SETTLE = Duration.ofSeconds(2);

  private static final Duration AUTO_REMOVE_DRAIN = Duration.ofSeconds(10);

  private final Containers containers;
  private final ImageStore images;
  private final ContainerNetworking networks;
  private final EventBus events;
  private final ServerLog log;
  private final Clock clock;
  private final Path recordDir;
  private final Path containersStateRoot;
  private final Map<String, ServiceRecord> records = new ConcurrentHashMap<>();
  private final Map<String, List<CompletableFuture<ExitStatus>>> exitWaiters =
      new ConcurrentHashMap<>();
  private final Map<String, List<CompletableFuture<ExitStatus>>> removalWaiters =
      new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attachments = new ConcurrentHashMap<>();
  private final AtomicInteger threadCount = new AtomicInteger();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "berth-service-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  EngineContainerService(
      Containers containers,
      ImageStore images,
      ContainerNetworking networks,
      EventBus events,
      ServerLog log,
      Clock clock,
      Path recordDir,
      Path containersStateRoot)
      throws EngineException {
    this.containersStateRoot = containersStateRoot;
    this.containers = containers;
    this.images = images;
    this.networks = networks;
    this.events = events;
    this.log = log;
    this.clock = clock;
    this.recordDir = recordDir;
    load();
  }

  /**
   * The service over these parts; {@code recordDir} keeps berthd's own record of each container.
   * Pass its {@link #onEngineEvent} as the containers' event listener.
   */
  public static EngineContainerService open(
      Containers containers,
      ImageStore images,
      dev.berth.runtime.network.NetworkDriver driver,
      dev.berth.runtime.network.netns.NetnsDirectory namespaces,
      String defaultBridge,
      EventBus events,
      ServerLog log,
      Path recordDir,
      Path containersStateRoot)
      throws EngineException {
    return new EngineContainerService(
        containers,
        images,
        new ContainerNetworking(driver, namespaces, defaultBridge),
        events,
        log,
        Clock.systemUTC(),
        recordDir,
        containersStateRoot);
  }

  private void load() throws EngineException {
    try {
      Files.createDirectories(recordDir);
      try (Stream<Path> files = Files.list(recordDir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
          ServiceRecord record = JsonFiles.read(file, ServiceRecord.class);
          if (containers.list().contains(record.id())) {
            records.put(record.id(), record);
          } else {
            Files.deleteIfExists(file); // its container went with a crash before it was recorded
          }
        }
      }
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "reading " + recordDir + ": " + e, e);
    }
  }

  // ---- create ----

  @Override
  public String create(dev.berth.runtime.server.engine.ContainerSpec spec) throws EngineException {
    ContainerCreateTemplate request = spec.request();
    ImageRecord image =
        findImage(spec.image())
            .orElseThrow(
                () -> new EngineException(ErrorKind.NOT_FOUND, "No such image: " + spec.image()));
    ImageConfig imageConfig = CreateTranslator.imageConfig(images.config(image));
    String name = spec.name().orElse("");
    if (name.startsWith("/")) {
      name = name.substring(1);
    }
    ContainerSpec.Builder builder =
        CreateTranslator.translate(name, request, imageConfig, images.layerDirs(image));
    List<PortBinding> ports = PortRequests.bindings(request);
    Plan plan = plan(request, name);
    String id = Containers.newId();
    String netnsId = plan.bridged() ? id : "";
    Netns netns = null;
    boolean created = false;
    try {
      List<ServiceRecord.NetworkLink> joined = new ArrayList<>();
      String gateway = "127.0.0.1";
      if (plan.bridged()) {
        netns = networks.createNamespace(netnsId);
        dev.berth.runtime.network.NetworkAttachment eth0 = null;
        for (PlannedNetwork planned : plan.networks()) {
          dev.berth.runtime.network.NetworkAttachment attached =
              networks.attach(
                  id,
                  netns,
                  planned.network(),
                  dnsNames(name, request, planned, id, planned.network()),
                  planned.address());
          eth0 = eth0 == null ? attached : eth0;
          joined.add(link(planned));
        }
        builder.network(new NetworkAttachment.Joined(netns.file(), eth0.address().toString()));
        if (hostList(request, HostList.DNS).isEmpty()) {
          builder.dns(eth0.gateway().toString()); // the network's DNS server answers there
        }
        gateway = eth0.gateway().toString();
      } else if (plan.mode().equals("host")) {
        builder.network(new NetworkAttachment.Host());
      } else {
        builder.network(new NetworkAttachment.None());
      }
      for (String extra : hostList(request, HostList.EXTRA_HOSTS)) {
        ExtraHost host = ExtraHost.parse(extra);
        builder.extraHost(host.name() + ":" + host.resolvedAddress(gateway));
      }
      for (String legacy : hostList(request, HostList.LINKS)) {
        builder.extraHost(linkHost(legacy, plan));
      }
      validatePorts(ports, plan);
      synchronized (records) {
        if (!name.isEmpty() && nameTaken(name)) {
          throw new EngineException(
              ErrorKind.CONFLICT,
              "Conflict. The container name \"/" + name + "\" is already in use");
        }
        containers.create(builder.build(), id);
        created = true;
        save(
            new ServiceRecord(
                id,
                containers.inspect(id).name(),
                clock.instant().toString(),
                image.id().toString(),
                spec.image(),
                netnsId,
                request,
                joined));
      }
      DnsOptions.write(
          resolvConf(id),
          hostList(request, HostList.DNS_SEARCH),
          hostList(request, HostList.DNS_OPTIONS));
    } catch (EngineException | RuntimeException e) {
      undoCreate(created ? id : null, id, netns, e);
      throw e;
    }
    publish(id, "create", Map.of());
    return id;
  }

  /** An image by reference or ID; a name without tag or digest means {@code :latest}. */
  private Optional<ImageRecord> findImage(String text) {
    Optional<ImageRecord> found = images.find(text);
    if (found.isEmpty()
        && !text.contains("@")
        && !text.substring(text.lastIndexOf('/') + 1).contains(":")) {
      found = images.find(text + ":latest");
    }
    return found;
  }

  private void validatePorts(List<PortBinding> ports, Plan plan) throws EngineException {
    if (!ports.isEmpty() && !plan.bridged() && !plan.mode().equals("host")) {
      throw CreateTranslator.invalid("ports cannot be published with network mode " + plan.mode());
    }
  }

  private void undoCreate(String created, String id, Netns netns, Exception failure) {
    try {
      if (created != null) {
        containers.remove(created, true, true);
        records.remove(created);
        Files.deleteIfExists(recordDir.resolve(created + ".json"));
      }
      networks.detachAll(id);
      if (netns != null) {
        networks.removeNamespace(netns.id());
      }
    } catch (EngineException | IOException | RuntimeException cleanup) {
      failure.addSuppressed(cleanup);
    }
  }

  /** The string lists of a request's host config. */
  private enum HostList {
    DNS,
    DNS_SEARCH,
    DNS_OPTIONS,
    EXTRA_HOSTS,
    LINKS
  }

  private static List<String> hostList(ContainerCreateTemplate request, HostList which) {
    var host = request.hostConfig();
    if (host == null) {
      return List.of();
    }
    return CreateTranslator.orEmpty(
        switch (which) {
          case DNS -> host.dns();
          case DNS_SEARCH -> host.dnsSearch();
          case DNS_OPTIONS -> host.dnsOptions();
          case EXTRA_HOSTS -> host.extraHosts();
          case LINKS -> host.links();
        });
  }

  private Path resolvConf(String id) {
    return containersStateRoot
        .resolve("containers")
        .resolve(id)
        .resolve("etc")
        .resolve("resolv.conf");
  }

  /** How a container joins networks: a mode and, when bridged, the networks in order. */
  private record Plan(String mode, List<PlannedNetwork> networks) {
    boolean bridged() {
      return !networks.isEmpty();
    }
  }

  private record PlannedNetwork(
      BridgeNetwork network, List<String> aliases, Optional<Ipv4Address> address) {}

  private Plan plan(ContainerCreateTemplate request, String name) throws EngineException {
    String mode =
        request.hostConfig() == null
            ? ""
            : CreateTranslator.nonNull(request.hostConfig().networkMode());
    Map<String, EndpointTemplate> endpoints =
        request.networkingConfig() == null
            ? Map.of()
            : CreateTranslator.orEmpty(request.networkingConfig().endpointsConfig());
    if (mode.equals("host") || mode.equals("none")) {
      return new Plan(mode, List.of());
    }
    if (mode.startsWith("container:")) {
      throw CreateTranslator.unsupported(
          "HostConfig.NetworkMode \"" + mode + "\" (sharing another container's network)");
    }
    List<PlannedNetwork> planned = new ArrayList<>();
    String primary = mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    BridgeNetwork first = primary.equals("bridge") ? bridge() : networks.network(primary);
    // the CLI names the primary network as given: "default", "bridge", a name or an ID
    Set<String> primaryKeys =
        new HashSet<>(List.of(primary, first.id(), mode.isEmpty() ? "default" : mode));
    EndpointTemplate primaryEndpoint =
        endpoints.entrySet().stream()
            .filter(e -> primaryKeys.contains(e.getKey()))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    planned.add(planned(first, primaryEndpoint, null));
    for (Map.Entry<String, EndpointTemplate> entry : endpoints.entrySet()) {
      if (primaryKeys.contains(entry.getKey())) {
        continue;
      }
      BridgeNetwork other =
          entry.getKey().equals("bridge") ? bridge() : networks.network(entry.getKey());
      if (planned.stream().noneMatch(p -> p.network().id().equals(other.id()))) {
        planned.add(planned(other, entry.getValue(), null));
      }
    }
    return new Plan(primary, planned);
  }

  private BridgeNetwork bridge() throws EngineException {
    return networks.network(networks.defaultBridge());
  }

  private static PlannedNetwork planned(
      BridgeNetwork network, EndpointTemplate byName, EndpointTemplate byId)
      throws EngineException {
    EndpointTemplate endpoint = byName != null ? byName : byId;
    List<String> aliases =
        endpoint == null ? List.of() : CreateTranslator.orEmpty(endpoint.aliases());
    Optional<Ipv4Address> address = Optional.empty();
    if (endpoint != null
        && endpoint.ipamConfig() != null
        && !CreateTranslator.nonNull(endpoint.ipamConfig().ipv4Address()).isEmpty()) {
      address = Optional.of(Ipv4Address.parse(endpoint.ipamConfig().ipv4Address()));
    }
    return new PlannedNetwork(network, aliases, address);
  }

  private static ServiceRecord.NetworkLink link(PlannedNetwork planned) {
    return new ServiceRecord.NetworkLink(
        planned.network().id(),
        planned.network().spec().name(),
        planned.aliases(),
        planned.address().map(Ipv4Address::toString).orElse(""));
  }

  /** Docker's names on a user network: name, short ID, hostname, aliases; none on the default. */
  private List<String> dnsNames(
      String name,
      ContainerCreateTemplate request,
      PlannedNetwork planned,
      String id,
      BridgeNetwork network) {
    if (network.id().equals(networks.defaultBridge())) {
      return List.of();
    }
    Set<String> names = new java.util.LinkedHashSet<>();
    if (!name.isEmpty()) {
      names.add(name);
    }
    if (id.length() >= 12) {
      names.add(id.substring(0, 12));
    }
    if (!CreateTranslator.nonNull(request.hostname()).isEmpty()) {
      names.add(request.hostname());
    }
    names.addAll(planned.aliases());
    return List.copyOf(names);
  }

  /** A legacy link {@code name[:alias]} as an /etc/hosts entry of the linked container. */
  private String linkHost(String link, Plan plan) throws EngineException {
    String[] parts = link.split(":", 2);
    String target = parts[0].startsWith("/") ? parts[0].substring(1) : parts[0];
    String alias = parts.length == 2 ? parts[1] : target;
    if (alias.startsWith("/")) {
      alias = alias.substring(alias.lastIndexOf('/') + 1);
    }
    ServiceRecord linked = record(target);
    for (PlannedNetwork p : plan.networks()) {
      Optional<dev.berth.runtime.network.NetworkAttachment> a =
          networks.attachment(linked.id(), p.network().id());
      if (a.isPresent()) {
        return alias + ":" + a.get().address();
      }
    }
    throw CreateTranslator.invalid(
        "HostConfig.Links \"" + link + "\": " + target + " shares no network with this container");
  }

  private boolean nameTaken(String name) {
    return records.values().stream().anyMatch(r -> r.name().equals(name));
  }

  // ---- lifecycle ----

  @Override
  public boolean start(String ref) throws EngineException {
    ServiceRecord record = record(ref);
    ContainerState state = containers.inspect(record.id());
    if (state.running()) {
      return false;
    }
    publishPorts(record);
    try {
      containers.start(record.id());
    } catch (EngineException | RuntimeException e) {
      unpublishPorts(record);
      throw e;
    }
    return true;
  }

  private void publishPorts(ServiceRecord record) throws EngineException {
    List<PortBinding> bindings = PortRequests.bindings(record.request());
    if (bindings.isEmpty() || record.networks().isEmpty()) {
      return;
    }
    networks.publish(record.id(), record.networks().get(0).networkId(), bindings);
  }

  private void unpublishPorts(ServiceRecord record) {
    if (record.networks().isEmpty()) {
      return;
    }
    try {
      networks.unpublish(record.id(), record.networks().get(0).networkId());
    } catch (EngineException e) {
      log.warn("unpublishing the ports of " + record.name() + ": " + e.getMessage(), null);
    }
  }

  @Override
  public boolean stop(String ref, Optional<Duration> timeout, Optional<String> signal)
      throws EngineException {
    ServiceRecord record = record(ref);
    if (!containers.inspect(record.id()).running()) {
      return false;
    }
    if (signal.isPresent() && !signal.get().isEmpty()) {
      containers.kill(record.id(), signal.get());
      try {
        containers.waitFor(record.id(), timeout.orElse(Duration.ofSeconds(10)));
      } catch (EngineException stillRunning) {
        containers.stop(record.id(), Duration.ZERO);
      }
    } else {
      containers.stop(record.id(), timeout.orElse(null));
    }
    publish(record.id(), "stop", Map.of());
    return true;
  }

  @Override
  public void restart(String ref, Optional<Duration> timeout) throws EngineException {
    ServiceRecord record = record(ref);
    if (containers.inspect(record.id()).running()) {
      containers.stop(record.id(), timeout.orElse(null));
    }
    start(record.id());
    publish(record.id(), "restart", Map.of());
  }

  @Override
  public void kill(String ref, String signal) throws EngineException {
    ServiceRecord record = record(ref);
    String sig = signal == null || signal.isEmpty() ? "SIGKILL" : signal;
    if (!sig.startsWith("SIG") && !sig.matches("[0-9]+")) {
      sig = "SIG" + sig;
    }
    containers.kill(record.id(), sig);
    publish(record.id(), "kill", Map.of("signal", signalNumber(sig)));
    if (sig.equals("SIGKILL") || sig.equals("9")) {
      awaitExit(record.id(), KILL_SETTLE); // as dockerd: after a SIGKILL, inspect shows it exited
    }
  }

  /** Waits up to {@code limit} for {@code id} to stop running; a slower exit is not an error. */
  private void awaitExit(String id, Duration limit) throws EngineException {
    try {
      await(id, WaitCondition.NOT_RUNNING)
          .toCompletableFuture()
          .get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      // the kill was delivered; the exit will be recorded when the monitor sees it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String signalNumber(String signal) {
    return switch (signal) {
      case "SIGKILL" -> "9";
      case "SIGTERM" -> "15";
      case "SIGINT" -> "2";
      case "SIGHUP" -> "1";
      case "SIGQUIT" -> "3";
      case "SIGUSR1" -> "10";
      case "SIGUSR2" -> "12";
      default -> signal;
    };
  }

  @Override
  public CompletionStage<ExitStatus> await(String ref, WaitCondition condition)
      throws EngineException {
    ServiceRecord record = record(ref);
    CompletableFuture<ExitStatus> done = new CompletableFuture<>();
    Map<String, List<CompletableFuture<ExitStatus>>> waiters =
        condition == WaitCondition.REMOVED ? removalWaiters : exitWaiters;
    waiters.computeIfAbsent(record.id(), k -> new CopyOnWriteArrayList<>()).add(done);
    if (condition == WaitCondition.NOT_RUNNING) {
      ContainerState state = containers.inspect(record.id());
      if (!state.running() && state.status() != ContainerStatus.RESTARTING) {
        done.complete(ExitStatus.of(state.exitCode()));
      }
    }
    if (!records.containsKey(record.id())) {
      done.complete(ExitStatus.of(0));
    }
    if (condition == WaitCondition.NOT_RUNNING && !done.isDone()) {
      threads.execute(() -> watchExit(record.id(), done));
    }
    return done.whenComplete(
        (s, f) -> {
          // the exit path may have dropped the list already; List.of() would refuse remove()
          List<CompletableFuture<ExitStatus>> pending = waiters.get(record.id());
          if (pending != null) {
            pending.remove(done);
          }
        });
  }

  /**
   * A safety net under the die event for {@code wait}: a second run of a one-shot that exited at
   * once was seen to leave a waiter hanging (CI, the CI example's migrate), its record still
   * "running" for 30 s although it had ended. {@link Containers#waitFor} looks at the monitor's
   * exit file itself and records the exit, so the waiter does not depend on the engine's exit
   * poller having seen it.
   */
  private void watchExit(String id, CompletableFuture<ExitStatus> done) {
    while (!done.isDone()) {
      try {
        containers.waitFor(id, Duration.ofMillis(250));
        ContainerState state = containers.inspect(id);
        if (!state.running() && state.status() != ContainerStatus.RESTARTING) {
          done.complete(ExitStatus.of(state.exitCode()));
        } else {
          Thread.sleep(50); // restarting by policy: the next run's exit is the one awaited
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (EngineException e) {
        if (e.kind() != ErrorKind.UNAVAILABLE) {
          return; // removed: the removal completes the waiters
        }
        // still running after the quarter second: look again
      }
    }
  }

  /** The container's anonymous volumes by mount target (compose carries them over by name). */
  private Map<String, String> anonymousByTarget(String id) {
    Map<String, String> byTarget = new java.util.HashMap<>();
    try {
      for (String name : containers.anonymousVolumes(id)) {
        String target =
            containers
                .volumes()
                .info(name)
                .labels()
                .get(dev.berth.runtime.volume.VolumeInfo.TARGET_LABEL);
        if (target != null) {
          byTarget.put(target, name);
        }
      }
    } catch (EngineException | RuntimeException e) {
      // removed meanwhile: no names to show
    }
    return byTarget;
  }

  @Override
  public ContainerAttachment attach(String ref, AttachOptions options) throws EngineException {
    ServiceRecord record = record(ref);
    AtomicInteger count = attachments.computeIfAbsent(record.id(), k -> new AtomicInteger());
    count.incrementAndGet();
    publish(record.id(), "attach", Map.of());
    return new LogAttachment(
        containers,
        record.id(),
        record.request().tty(),
        record.request().openStdin(),
        options,
        clock.instant(),
        threads,
        count::decrementAndGet);
  }

  @Override
  public void resize(String ref, int height, int width) throws EngineException {
    ServiceRecord record = record(ref);
    if (record.request().tty() && containers.inspect(record.id()).running()) {
      containers.resize(record.id(), height, width);
    }
  }

  @Override
  public void remove(String ref, boolean force, boolean volumes) throws EngineException {
    ServiceRecord record = record(ref);
    ContainerState state = containers.inspect(record.id());
    if (state.running() && !force) {
      throw new EngineException(
          ErrorKind.CONFLICT,
          "You cannot remove a running container "
              + record.id()
              + ". Stop the container before attempting removal or force remove");
    }
    unpublishPorts(record);
    containers.remove(record.id(), force, volumes);
    records.remove(record.id());
    try {
      Files.deleteIfExists(recordDir.resolve(record.id() + ".json"));
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "removing the record of " + record.name(), e);
    }
    networks.detachAll(record.id());
    if (!record.netnsId().isEmpty()) {
      networks.removeNamespace(record.netnsId());
    }
    int code = state.exitCode();
    for (CompletableFuture<ExitStatus> waiter :
        removalWaiters.getOrDefault(record.id(), List.of())) {
      waiter.complete(ExitStatus.of(code));
    }
    removalWaiters.remove(record.id());
    for (CompletableFuture<ExitStatus> waiter : exitWaiters.getOrDefault(record.id(), List.of())) {
      waiter.complete(ExitStatus.of(code));
    }
    exitWaiters.remove(record.id());
    attachments.remove(record.id());
  }

  // ---- queries ----

  @Override
  public ContainerDetails inspect(String ref) throws EngineException {
    return details(record(ref));
  }

  @Override
  public ContainerDetails inspectAwaitingHealth(String ref) throws EngineException {
    ServiceRecord record = record(ref);
    containers.healthAwaited(record.id());
    return details(record);
  }

  @Override
  public List<ContainerDetails> list() {
    List<ContainerDetails> all = new ArrayList<>();
    for (ServiceRecord record : records.values()) {
      try {
        all.add(details(record));
      } catch (EngineException e) {
        // removed meanwhile
      }
    }
    all.sort(Comparator.comparing(ContainerDetails::created).reversed());
    return all;
  }

  private ContainerDetails details(ServiceRecord record) throws EngineException {
    ContainerState state = containers.inspect(record.id());
    Map<String, ContainerDetails.Endpoint> endpoints = new LinkedHashMap<>();
    List<ContainerDetails.Port> ports = new ArrayList<>();
    for (ServiceRecord.NetworkLink link : record.networks()) {
      Optional<dev.berth.runtime.network.NetworkAttachment> a =
          networks.attachment(record.id(), link.networkId());
      boolean live = a.isPresent() && state.running();
      endpoints.put(
          link.networkName(),
          new ContainerDetails.Endpoint(
              link.networkId(),
              a.map(x -> endpointId(x.networkId(), record.id())).orElse(""),
              live ? a.get().address().toString() : "",
              live ? a.get().subnet().prefixLength() : 0,
              live ? a.get().gateway().toString() : "",
              live ? a.get().mac().toString() : "",
              aliases(record, link)));
    }
    Set<String> publishedKeys = new HashSet<>();
    if (!record.networks().isEmpty()) {
      for (PublishedPort p :
          networks.published(record.id(), record.networks().get(0).networkId())) {
        publishedKeys.add(p.containerPort() + "/" + p.protocol().nftName());
        ports.add(
            new ContainerDetails.Port(
                p.protocol().nftName(),
                p.containerPort(),
                p.hostIp().map(Ipv4Address::toString).orElse("0.0.0.0"),
                p.hostPort()));
      }
    }
    for (PortRequests.ContainerPort exposed : PortRequests.exposed(record.request())) {
      if (!publishedKeys.contains(exposed.key())) {
        ports.add(new ContainerDetails.Port(exposed.protocol().nftName(), exposed.port(), "", 0));
      }
    }
    if (record.networks().isEmpty()) {
      String mode =
          record.request().hostConfig() == null
              ? "none"
              : CreateTranslator.nonNull(record.request().hostConfig().networkMode());
      endpoints.put(mode, new ContainerDetails.Endpoint(mode, "", "", 0, "", "", List.of()));
    }
    return new ContainerDetails(
        record.id(),
        record.name(),
        Instant.parse(record.created()),
        record.imageId(),
        path(record),
        record.request(),
        state,
        endpoints,
        ports,
        mounts(record));
  }

  private static List<String> aliases(ServiceRecord record, ServiceRecord.NetworkLink link) {
    List<String> aliases = new ArrayList<>(link.aliases());
    if (!aliases.contains(record.id().substring(0, 12))) {
      aliases.add(record.id().substring(0, 12));
    }
    return aliases;
  }

  private static String endpointId(String networkId, String containerId) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(
                  (networkId + "/" + containerId)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private List<String> path(ServiceRecord record) {
    try {
      ImageConfig image = CreateTranslator.imageConfig(images.config(images.get(record.imageId())));
      List<String> entrypoint = record.request().entrypoint();
      Optional<List<String>> ep =
          entrypoint == null || entrypoint.isEmpty()
              ? Optional.empty()
              : Optional.of(entrypoint.equals(List.of("")) ? List.of() : entrypoint);
      Optional<List<String>> cmd = Optional.ofNullable(record.request().cmd());
      return CommandMerger.merge(image, ep, cmd);
    } catch (EngineException e) {
      return CreateTranslator.orEmpty(record.request().cmd());
    }
  }

  private List<ContainerDetails.Mount> mounts(ServiceRecord record) {
    var host = record.request().hostConfig();
    boolean hasAnonymous =
        !CreateTranslator.orEmpty(record.request().volumes()).isEmpty()
            || host != null
                && CreateTranslator.orEmpty(host.mounts()).stream()
                    .anyMatch(
                        m ->
                            "volume".equals(m.type())
                                && CreateTranslator.nonNull(m.source()).isEmpty());
    // list and inspect run this for every container: read volume labels only when needed
    Map<String, String> anonymous = hasAnonymous ? anonymousByTarget(record.id()) : Map.of();
    List<ContainerDetails.Mount> mounts = new ArrayList<>();
    if (host != null) {
      for (String bind : CreateTranslator.orEmpty(host.binds())) {
        String[] parts = bind.split(":");
        if (parts.length >= 2) {
          boolean ro = parts.length == 3 && List.of(parts[2].split(",")).contains("ro");
          boolean volume = !parts[0].startsWith("/");
          mounts.add(
              new ContainerDetails.Mount(
                  volume ? "volume" : "bind", volume ? parts[0] : "", parts[0], parts[1], !ro));
        }
      }
      for (var m : CreateTranslator.orEmpty(host.mounts())) {
        String source = CreateTranslator.nonNull(m.source());
        if ("volume".equals(m.type()) && source.isEmpty()) {
          source = anonymous.getOrDefault(m.target(), ""); // an anonymous volume: its name
        }
        mounts.add(
            new ContainerDetails.Mount(
                CreateTranslator.nonNull(m.type()),
                "volume".equals(m.type()) ? source : "",
                source,
                m.target(),
                !m.readOnly()));
      }
      for (String target : CreateTranslator.orEmpty(host.tmpfs()).keySet()) {
        mounts.add(new ContainerDetails.Mount("tmpfs", "", "", target, true));
      }
    }
    for (String target : CreateTranslator.orEmpty(record.request().volumes()).keySet()) {
      String name = anonymous.getOrDefault(target, "");
      mounts.add(new ContainerDetails.Mount("volume", name, name, target, true));
    }
    return mounts;
  }

  @Override
  public void logs(String ref, LogOptions options, LogSink sink)
      throws EngineException, InterruptedException {
    ServiceRecord record = record(ref);
    LogQuery query =
        new LogQuery(
            options.tail(),
            options.since().orElse(null),
            options.until().orElse(null),
            options.follow());
    try {
      if (options.follow()) {
        containers.followLogs(
            record.id(),
            query,
            entry -> {
              try {
                send(entry, options, sink);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      } else {
        for (LogEntry entry : containers.logs(record.id(), query)) {
          send(entry, options, sink);
        }
      }
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "the client went away", e);
    } catch (UncheckedIOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "the client went away", e.getCause());
    }
  }

  private static void send(LogEntry entry, LogOptions options, LogSink sink) throws IOException {
    boolean stderr = entry.stream() == LogEntry.Stream.STDERR;
    if (stderr ? options.stderr() : options.stdout()) {
      sink.line(stderr, entry.time(), entry.written());
    }
  }

  @Override
  public ContainerCounts counts() {
    int running = 0;
    int paused = 0;
    int stopped = 0;
    for (ServiceRecord record : records.values()) {
      try {
        ContainerStatus status = containers.inspect(record.id()).status();
        switch (status) {
          case RUNNING, RESTARTING -> running++;
          case PAUSED -> paused++;
          default -> stopped++;
        }
      } catch (EngineException e) {
        // removed meanwhile
      }
    }
    return new ContainerCounts(running, paused, stopped);
  }

  // ---- links for the network, volume and image endpoints ----

  @Override
  public void connect(String container, String networkId, EndpointSettings settings)
      throws EngineException {
    ServiceRecord record = record(container);
    if (record.netnsId().isEmpty()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "container "
              + record.name()
              + " uses network mode host or none and cannot join a bridged network");
    }
    BridgeNetwork network = networks.network(networkId);
    PlannedNetwork planned =
        new PlannedNetwork(
            network,
            settings.aliases(),
            settings.ipv4Address().isPresent()
                ? Optional.of(Ipv4Address.parse(settings.ipv4Address().get()))
                : Optional.empty());
    synchronized (records) {
      if (record(container).networks().stream().anyMatch(l -> l.networkId().equals(network.id()))) {
        throw new EngineException(
            ErrorKind.CONFLICT,
            "endpoint with name "
                + record.name()
                + " already exists in network "
                + network.spec().name());
      }
      networks.attach(
          record.id(),
          networks.namespace(record.netnsId()),
          network,
          dnsNames(record.name(), record.request(), planned, record.id(), network),
          planned.address());
      save(record(container).withNetwork(link(planned)));
    }
    publishNetwork(network, "connect", record.id());
  }

  @Override
  public void disconnect(String container, String networkId, boolean force) throws EngineException {
    ServiceRecord record = record(container);
    BridgeNetwork network = networks.network(networkId);
    synchronized (records) {
      if (record.networks().stream().noneMatch(l -> l.networkId().equals(network.id()))) {
        if (force) {
          return;
        }
        throw new EngineException(
            ErrorKind.NOT_FOUND,
            "container " + record.name() + " is not connected to network " + network.spec().name());
      }
      networks.detach(record.id(), network.id());
      save(record(container).withoutNetwork(network.id()));
    }
    publishNetwork(network, "disconnect", record.id());
  }

  @Override
  public Map<String, NetworkEndpoint> endpointsOn(String networkId) {
    Map<String, NetworkEndpoint> endpoints = new java.util.TreeMap<>();
    for (ContainerDetails d : list()) {
      if (!d.state().running()) {
        continue;
      }
      for (ContainerDetails.Endpoint e : d.networks().values()) {
        if (e.networkId().equals(networkId) && !e.ipAddress().isEmpty()) {
          endpoints.put(
              d.id(),
              new NetworkEndpoint(
                  d.name(),
                  e.endpointId(),
                  e.macAddress(),
                  e.ipAddress() + "/" + e.prefixLength()));
        }
      }
    }
    return endpoints;
  }

  @Override
  public Set<String> usingNetwork(String networkId) {
    Set<String> ids = new HashSet<>();
    for (ServiceRecord r : records.values()) {
      if (r.networks().stream().anyMatch(l -> l.networkId().equals(networkId))) {
        ids.add(r.id());
      }
    }
    return ids;
  }

  @Override
  public Set<String> usingVolume(String volumeName) {
    Set<String> ids = new HashSet<>();
    for (ServiceRecord r : records.values()) {
      for (ContainerDetails.Mount m : mounts(r)) {
        if (m.type().equals("volume") && m.name().equals(volumeName)) {
          ids.add(r.id());
        }
      }
    }
    return ids;
  }

  @Override
  public Set<String> usingImage(String imageId) {
    Set<String> ids = new HashSet<>();
    for (ServiceRecord r : records.values()) {
      if (r.imageId().equals(imageId)) {
        ids.add(r.id());
      }
    }
    return ids;
  }

  // ---- events from the engine ----

  /** The containers' event listener: Docker events, waiters, ports and auto-removal. */
  public void onEngineEvent(String id, String action, String detail) {
    ServiceRecord record = records.get(id);
    if (record == null || action.equals("create") || action.equals("error")) {
      if (action.equals("error")) {
        log.warn("container " + id + ": " + detail, null);
      }
      return;
    }
    switch (action) {
      case "die" -> {
        unpublishPorts(record);
        publish(id, "die", Map.of("exitCode", detail));
        ExitStatus exit = ExitStatus.of(parseCode(detail));
        List<CompletableFuture<ExitStatus>> waiting = exitWaiters.remove(id);
        if (waiting != null) {
          waiting.forEach(w -> w.complete(exit));
        }
        if (record.autoRemove()) {
          threads.execute(() -> autoRemove(record));
        }
      }
      case "health_status" -> publish(id, "health_status: " + detail, Map.of());
      case "destroy", "start", "restart", "pause", "unpause" -> {
        if (action.equals("start") && !record.networks().isEmpty()) {
          ensurePublished(record);
        }
        publish(id, action, Map.of());
      }
      default -> publish(id, action, Map.of());
    }
  }

  private void ensurePublished(ServiceRecord record) {
    if (networks.published(record.id(), record.networks().get(0).networkId()).isEmpty()) {
      try {
        publishPorts(record); // a restart by policy: ports went with the die
      } catch (EngineException e) {
        log.warn("publishing the ports of " + record.name() + ": " + e.getMessage(), null);
      }
    }
  }

  private static long parseCode(String detail) {
    try {
      return Long.parseLong(detail);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Removes an auto-remove container once its attached clients have read all its output. */
  private void autoRemove(ServiceRecord record) {
    long deadline = System.nanoTime() + AUTO_REMOVE_DRAIN.toNanos();
    AtomicInteger attached = attachments.get(record.id());
    try {
      while (attached != null && attached.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      if (records.containsKey(record.id())) {
        remove(record.id(), true, true);
      }
    } catch (EngineException e) {
      log.warn("auto-removing " + record.name() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void publish(String id, String action, Map<String, String> extra) {
    ServiceRecord record = records.get(id);
    Map<String, String> attributes = new LinkedHashMap<>();
    if (record != null) {
      attributes.putAll(CreateTranslator.orEmpty(record.request().labels()));
      attributes.put("image", record.imageName());
      attributes.put("name", record.name());
    }
    attributes.putAll(extra);
    events.publish(new EngineEvent("container", action, id, attributes, clock.instant()));
  }

  private void publishNetwork(BridgeNetwork network, String action, String containerId) {
    events.publish(
        new EngineEvent(
            "network",
            action,
            network.id(),
            Map.of("container", containerId, "name", network.spec().name(), "type", "bridge"),
            clock.instant()));
  }

  // ---- records ----

  private ServiceRecord record(String ref) throws EngineException {
    String wanted = ref.startsWith("/") ? ref.substring(1) : ref;
    ServiceRecord exact = records.get(wanted);
    if (exact != null) {
      return exact;
    }
    for (ServiceRecord r : records.values()) {
      if (r.name().equals(wanted)) {
        return r;
      }
    }
    List<ServiceRecord> byPrefix =
        wanted.isEmpty()
            ? List.of()
            : records.values().stream().filter(r -> r.id().startsWith(wanted)).toList();
    if (byPrefix.size() == 1) {
      return byPrefix.get(0);
    }
    if (byPrefix.size() > 1) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "multiple IDs found with provided prefix: " + ref);
    }
    throw new EngineException(ErrorKind.NOT_FOUND, "No such container: " + ref);
  }

  private void save(ServiceRecord record) throws EngineException {
    JsonFiles.write(recordDir.resolve(record.id() + ".json"), record);
    records.put(record.id(), record);
  }

  @Override
  public void close() {
    threads.shutdownNow();
    try {
      threads.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
