package dev.berth.orchestrator.engine;

import dev.berth.runtime.api.ContainerConfigTemplate;
import dev.berth.runtime.api.ContainerInspectTemplate;
import dev.berth.runtime.api.ContainerSummaryTemplate;
import dev.berth.runtime.api.ContainerTopTemplate;
import dev.berth.runtime.api.ContainerWaitTemplate;
import dev.berth.runtime.api.EngineClient;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.EngineVersion;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.EventTemplate;
import dev.berth.runtime.api.ExecCreateTemplate;
import dev.berth.runtime.api.ExecInspectTemplate;
import dev.berth.runtime.api.ExecStartTemplate;
import dev.berth.runtime.api.IdTemplate;
import dev.berth.runtime.api.ImageDetailsTemplate;
import dev.berth.runtime.api.ImageInspectTemplate;
import dev.berth.runtime.api.LogFrames;
import dev.berth.runtime.api.NetworkConnectTemplate;
import dev.berth.runtime.api.NetworkCreateTemplate;
import dev.berth.runtime.api.NetworkSummaryTemplate;
import dev.berth.runtime.api.NetworkTemplate;
import dev.berth.runtime.api.RawStream;
import dev.berth.runtime.api.VolumeCreateTemplate;
import dev.berth.runtime.api.VolumeListTemplate;
import dev.berth.runtime.api.VolumeTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link Engine} over the Docker Engine API, for berthd or any Docker-compatible engine. */
public final class DockerApiEngine implements Engine {
  private final EngineClient client;
  private final RegistryLogins logins;

  public DockerApiEngine(EngineClient client) {
    this(client, RegistryLogins.NONE);
  }

  /** An engine that pulls with the caller's {@code logins} (sent as {@code X-Registry-Auth}). */
  public DockerApiEngine(EngineClient client, RegistryLogins logins) {
    this.client = client;
    this.logins = logins;
  }

  @Override
  public String describe() throws EngineException {
    EngineVersion v = client.version();
    return v.toString();
  }

  @Override
  public List<ContainerInfo> containers(List<String> labels, boolean all) throws EngineException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("all", all ? "1" : "0");
    if (!labels.isEmpty()) {
      query.put("filters", EngineClient.filters(Map.of("label", labels)));
    }
    ContainerSummaryTemplate[] found =
        client.get("/containers/json", query, ContainerSummaryTemplate[].class);
    List<ContainerInfo> out = new ArrayList<>();
    for (ContainerSummaryTemplate c : found) {
      out.add(ContainerTranslation.info(c));
    }
    return out;
  }

  @Override
  public Optional<ContainerState> inspect(String idOrName) throws EngineException {
    try {
      ContainerInspectTemplate t =
          client.get(
              "/containers/" + encode(idOrName) + "/json",
              Map.of(),
              ContainerInspectTemplate.class);
      return Optional.of(ContainerTranslation.state(t));
    } catch (EngineException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public String create(String name, ContainerSpec spec) throws EngineException {
    ContainerConfigTemplate body = ContainerTranslation.config(spec);
    IdTemplate created =
        client.post("/containers/create", Map.of("name", name), body, IdTemplate.class);
    return created.id();
  }

  @Override
  public void connect(String network, String id, List<String> aliases, String ipv4Address)
      throws EngineException {
    client.post(
        "/networks/" + encode(network) + "/connect",
        Map.of(),
        new NetworkConnectTemplate(
            id,
            new NetworkConnectTemplate.EndpointConfig(
                aliases,
                ipv4Address == null ? null : new NetworkConnectTemplate.IpamConfig(ipv4Address)),
            false),
        Void.class);
  }

  @Override
  public void start(String id) throws EngineException {
    try {
      client.post("/containers/" + encode(id) + "/start", Map.of(), null, Void.class);
    } catch (EngineException e) {
      if (!alreadyInState(e)) {
        throw e;
      }
    }
  }

  @Override
  public void stop(String id, Duration grace) throws EngineException {
    try {
      client.post(
          "/containers/" + encode(id) + "/stop",
          Map.of("t", Long.toString(grace.toSeconds())),
          null,
          Void.class,
          grace);
    } catch (EngineException e) {
      if (!gone(e) && !alreadyInState(e)) {
        throw e;
      }
    }
  }

  @Override
  public void kill(String id, String signal) throws EngineException {
    try {
      client.post(
          "/containers/" + encode(id) + "/kill", Map.of("signal", signal), null, Void.class);
    } catch (EngineException e) {
      if (!gone(e) && e.kind() != ErrorKind.CONFLICT) {
        throw e;
      }
    }
  }

  @Override
  public void remove(String id, boolean force, boolean volumes) throws EngineException {
    try {
      client.delete(
          "/containers/" + encode(id),
          Map.of("force", force ? "1" : "0", "v", volumes ? "1" : "0"));
    } catch (EngineException e) {
      if (!gone(e) && !removalInProgress(e)) {
        throw e;
      }
    }
  }

  @Override
  public int waitExit(String id) throws EngineException {
    ContainerWaitTemplate done =
        client.post(
            "/containers/" + encode(id) + "/wait",
            Map.of(),
            null,
            ContainerWaitTemplate.class,
            Duration.ofDays(365));
    return (int) done.statusCode();
  }

  @Override
  public List<ResourceInfo> networks(List<String> labels) throws EngineException {
    NetworkSummaryTemplate[] found =
        client.get(
            "/networks",
            Map.of("filters", EngineClient.filters(Map.of("label", labels))),
            NetworkSummaryTemplate[].class);
    List<ResourceInfo> out = new ArrayList<>();
    for (NetworkSummaryTemplate n : found) {
      out.add(new ResourceInfo(n.name(), n.labels()));
    }
    return out;
  }

  @Override
  public Optional<ResourceInfo> network(String name) throws EngineException {
    try {
      NetworkSummaryTemplate n =
          client.get("/networks/" + encode(name), Map.of(), NetworkSummaryTemplate.class);
      return Optional.of(new ResourceInfo(n.name(), n.labels()));
    } catch (EngineException e) {
      if (gone(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void createNetwork(String name, NetworkSettings settings, Map<String, String> labels)
      throws EngineException {
    NetworkTemplate.Ipam ipam = null;
    if (settings.ipamDriver() != null
        || !settings.ipamOptions().isEmpty()
        || !settings.pools().isEmpty()) {
      ipam =
          new NetworkTemplate.Ipam(
              settings.ipamDriver() == null ? "default" : settings.ipamDriver(),
              settings.ipamOptions().isEmpty() ? null : settings.ipamOptions(),
              settings.pools().stream()
                  .map(
                      p ->
                          new NetworkTemplate.IpamConfig(
                              p.subnet(),
                              p.ipRange(),
                              p.gateway(),
                              p.auxAddresses().isEmpty() ? null : p.auxAddresses()))
                  .toList());
    }
    client.post(
        "/networks/create",
        Map.of(),
        new NetworkCreateTemplate(
            name,
            true,
            settings.driver(),
            settings.internal(),
            settings.attachable(),
            null,
            ipam,
            settings.driverOpts(),
            labels),
        Void.class);
  }

  @Override
  public void removeNetwork(String name) throws EngineException {
    try {
      client.delete("/networks/" + encode(name), Map.of());
    } catch (EngineException e) {
      if (!gone(e)) {
        throw e;
      }
    }
  }

  @Override
  public List<ResourceInfo> volumes(List<String> labels) throws EngineException {
    VolumeListTemplate found =
        client.get(
            "/volumes",
            Map.of("filters", EngineClient.filters(Map.of("label", labels))),
            VolumeListTemplate.class);
    List<ResourceInfo> out = new ArrayList<>();
    if (found.volumes() != null) {
      for (VolumeTemplate v : found.volumes()) {
        out.add(new ResourceInfo(v.name(), v.labels()));
      }
    }
    return out;
  }

  @Override
  public Optional<ResourceInfo> volume(String name) throws EngineException {
    try {
      VolumeTemplate v = client.get("/volumes/" + encode(name), Map.of(), VolumeTemplate.class);
      return Optional.of(new ResourceInfo(v.name(), v.labels()));
    } catch (EngineException e) {
      if (gone(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void createVolume(
      String name, String driver, Map<String, String> driverOpts, Map<String, String> labels)
      throws EngineException {
    client.post(
        "/volumes/create",
        Map.of(),
        new VolumeCreateTemplate(name, driver, driverOpts.isEmpty() ? null : driverOpts, labels),
        Void.class);
  }

  @Override
  public void removeVolume(String name) throws EngineException {
    try {
      client.delete("/volumes/" + encode(name), Map.of());
    } catch (EngineException e) {
      if (!gone(e)) {
        throw e;
      }
    }
  }

  @Override
  public void removeImage(String reference) throws EngineException {
    try {
      client.delete("/images/" + encode(reference), Map.of());
    } catch (EngineException e) {
      if (!gone(e)) {
        throw e;
      }
    }
  }

  @Override
  public Optional<String> imageId(String reference) throws EngineException {
    try {
      ImageInspectTemplate image =
          client.get("/images/" + reference + "/json", Map.of(), ImageInspectTemplate.class);
      return Optional.of(image.id());
    } catch (EngineException e) {
      if (gone(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void pull(String reference, Consumer<String> progress) throws EngineException {
    ImageName name = ImageName.parse(reference);
    try {
      client.progress(
          "POST",
          "/images/create",
          Map.of("fromImage", name.repository(), "tag", name.tagOrDigest()),
          logins.header(reference).map(h -> Map.of("X-Registry-Auth", h)).orElse(Map.of()),
          p -> progress.accept(p.status() == null ? "" : p.status()));
    } catch (EngineException e) {
      throw new EngineException(e.kind(), "pull " + reference + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void logs(
      String id,
      boolean tty,
      boolean follow,
      String tail,
      boolean timestamps,
      String since,
      String until,
      Consumer<LogLine> sink)
      throws EngineException, IOException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("stdout", "1");
    query.put("stderr", "1");
    query.put("follow", follow ? "1" : "0");
    query.put("tail", tail);
    query.put("timestamps", timestamps ? "1" : "0");
    if (since != null) {
      query.put("since", since);
    }
    if (until != null) {
      query.put("until", until);
    }
    try (InputStream in =
        client.openStream("GET", "/containers/" + encode(id) + "/logs", query, null)) {
      LogFrames.read(
          in,
          tty,
          (stream, payload) ->
              sink.accept(new LogLine(stream == 2, new String(payload, StandardCharsets.UTF_8))));
    }
  }

  @Override
  public void events(
      List<String> labels,
      String since,
      String until,
      java.util.function.Predicate<EngineEvent> listener)
      throws EngineException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("filters", EngineClient.filters(Map.of("label", labels)));
    if (since != null) {
      query.put("since", since);
    }
    if (until != null) {
      query.put("until", until);
    }
    client.streamJson(
        "GET",
        "/events",
        query,
        EventTemplate.class,
        e ->
            listener.test(
                new EngineEvent(
                    e.type(),
                    e.action() != null ? e.action() : e.status(),
                    e.actor() != null ? e.actor().id() : e.id(),
                    e.actor() != null ? e.actor().attributes() : Map.of(),
                    e.timeNano())));
  }

  @Override
  public InputStream copyFrom(String id, String path) throws EngineException {
    return client.openStream(
        "GET", "/containers/" + encode(id) + "/archive", Map.of("path", path), null);
  }

  @Override
  public void copyTo(String id, String dir, byte[] archive) throws EngineException {
    client.put(
        "/containers/" + encode(id) + "/archive",
        Map.of("path", dir),
        archive,
        "application/x-tar");
  }

  @Override
  public void pause(String id) throws EngineException {
    client.post("/containers/" + encode(id) + "/pause", Map.of(), null, Void.class);
  }

  @Override
  public void unpause(String id) throws EngineException {
    client.post("/containers/" + encode(id) + "/unpause", Map.of(), null, Void.class);
  }

  @Override
  public int exec(String id, ExecSpec spec, InputStream stdin, OutputStream out, OutputStream err)
      throws EngineException, IOException {
    IdTemplate exec =
        client.post(
            "/containers/" + encode(id) + "/exec",
            Map.of(),
            new ExecCreateTemplate(
                stdin != null,
                true,
                true,
                null,
                false,
                null,
                spec.env().isEmpty() ? null : spec.env(),
                spec.command(),
                spec.privileged(),
                spec.user(),
                spec.workingDir()),
            IdTemplate.class);
    String start = "/exec/" + exec.id() + "/start";
    ExecStartTemplate detached = new ExecStartTemplate(false, false, null);
    LogFrames.Sink demux =
        (stream, payload) -> {
          OutputStream target = stream == 2 ? err : out;
          target.write(payload);
          target.flush();
        };
    if (stdin == null) {
      try (InputStream in = client.openStream("POST", start, Map.of(), detached)) {
        LogFrames.read(in, false, demux);
      }
    } else {
      try (RawStream stream = client.hijack(start, Map.of(), detached)) {
        Thread feeder = new Thread(() -> feed(stdin, stream), "berth-exec-stdin");
        feeder.setDaemon(true);
        feeder.start();
        LogFrames.read(stream.in(), false, demux);
      }
    }
    ExecInspectTemplate done =
        client.get("/exec/" + exec.id() + "/json", Map.of(), ExecInspectTemplate.class);
    return done.exitCode() == null ? -1 : done.exitCode();
  }

  @Override
  public void attach(
      String id, InputStream stdin, OutputStream out, OutputStream err, Attached onAttached)
      throws EngineException, IOException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("stream", "1");
    query.put("stdin", stdin != null ? "1" : "0");
    query.put("stdout", "1");
    query.put("stderr", "1");
    try (RawStream stream = client.hijack("/containers/" + encode(id) + "/attach", query, null)) {
      onAttached.run();
      if (stdin != null) {
        Thread feeder = new Thread(() -> feed(stdin, stream), "berth-attach-stdin");
        feeder.setDaemon(true);
        feeder.start();
      }
      LogFrames.read(
          stream.in(),
          false,
          (kind, payload) -> {
            OutputStream target = kind == 2 ? err : out;
            target.write(payload);
            target.flush();
          });
    }
  }

  /** Copies {@code stdin} to the process until it ends, then closes the process's stdin. */
  private static void feed(InputStream stdin, RawStream stream) {
    try {
      byte[] buffer = new byte[8192];
      OutputStream to = stream.out();
      int n;
      while ((n = stdin.read(buffer)) > 0) {
        to.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // the process ended, or stdin failed: either way its stdin ends here
    } finally {
      stream.closeWrite();
    }
  }

  @Override
  public List<List<String>> top(String id) throws EngineException {
    ContainerTopTemplate top =
        client.get("/containers/" + encode(id) + "/top", Map.of(), ContainerTopTemplate.class);
    List<List<String>> out = new ArrayList<>();
    out.add(top.titles() == null ? List.of() : top.titles());
    if (top.processes() != null) {
      out.addAll(top.processes());
    }
    return out;
  }

  @Override
  public Optional<ImageInfo> image(String reference) throws EngineException {
    try {
      ImageDetailsTemplate image =
          client.get("/images/" + reference + "/json", Map.of(), ImageDetailsTemplate.class);
      return Optional.of(new ImageInfo(image.id(), image.size(), image.created()));
    } catch (EngineException e) {
      if (gone(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public String build(BuildSpec spec, Consumer<String> output) throws EngineException {
    return new ImageBuild(client, logins).run(spec, output);
  }

  @Override
  public void close() {
    client.close();
  }

  private static boolean gone(EngineException e) {
    return e.kind() == ErrorKind.NOT_FOUND;
  }

  /** 304: already started or stopped. */
  private static boolean alreadyInState(EngineException e) {
    return e.getMessage().contains("answered 304");
  }

  private static boolean removalInProgress(EngineException e) {
    return e.kind() == ErrorKind.CONFLICT && e.getMessage().contains("already in progress");
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }
}
