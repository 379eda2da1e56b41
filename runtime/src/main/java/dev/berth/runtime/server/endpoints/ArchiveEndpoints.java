package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.PathStatTemplate;
import dev.berth.runtime.container.ContainerArchive;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.container.FrozenWork;
import dev.berth.runtime.container.PathStat;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.Json;
import dev.berth.runtime.server.http.Routes;
import dev.berth.runtime.server.http.ServerLog;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;

/**
 * {@code docker cp}: {@code GET /containers/{id}/archive?path=} answers a tar of the path, {@code
 * HEAD} only its stat (the {@code X-Docker-Container-Path-Stat} header), {@code PUT
 * ?path=&noOverwriteDirNonDir=} extracts a tar into a directory. Running or stopped containers.
 */
public final class ArchiveEndpoints implements Endpoints {
  static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

  /** Tar records are small: batch them into fewer, larger writes and reads on the socket. */
  private static final int BUFFER = 256 * 1024;

  private final Containers containers;
  private final ServerLog log;

  public ArchiveEndpoints(Containers containers, ServerLog log) {
    this.containers = containers;
    this.log = log;
  }

  @Override
  public void register(Routes routes) {
    routes.head("/containers/{id}/archive", this::stat);
    routes.get("/containers/{id}/archive", this::get);
    routes.put("/containers/{id}/archive", this::put);
  }

  private void stat(ApiRequest request, ApiResponse response) throws EngineException {
    String path = path(request);
    ContainerArchive archive = archive(request);
    PathStat[] stat = new PathStat[1];
    frozen(request, () -> stat[0] = archive.stat(path));
    response.header(STAT_HEADER, header(stat[0])).empty(200);
  }

  private void get(ApiRequest request, ApiResponse response) throws EngineException {
    String path = path(request);
    ContainerArchive archive = archive(request);
    OutputStream[] body = new OutputStream[1];
    ContainerArchive.Ending[] ending = new ContainerArchive.Ending[1];
    try {
      frozen(
          request,
          () -> {
            PathStat stat = archive.stat(path); // a missing path is a 404 before the body starts
            response.header(STAT_HEADER, header(stat));
            body[0] = new BufferedOutputStream(response.stream(200, "application/x-tar"), BUFFER);
            ending[0] = archive.writeEntries(path, body[0]);
          });
      // the tar's end goes out once the container is thawed: the CLI stops reading at it
      ending[0].finish();
      body[0].close();
    } catch (IOException | EngineException e) {
      if (body[0] == null && e instanceof EngineException failure) {
        throw failure; // nothing was sent: an answer of its own (404, 409, ...)
      }
      // the client went away or a file could not be read: the exchange is aborted, never cut
      // short into a tar that looks complete
      log.info("archive " + request.param("id") + ":" + path + " aborted: " + e);
      throw new EngineException(
          ErrorKind.INTERNAL, "archive of " + path + " aborted: " + e.getMessage(), e);
    }
  }

  private void put(ApiRequest request, ApiResponse response) throws EngineException {
    String path = path(request);
    ContainerArchive archive = archive(request);
    frozen(
        request,
        () -> {
          try (InputStream in = new BufferedInputStream(request.stream(), BUFFER)) {
            archive.extract(path, in, request.flag("noOverwriteDirNonDir"));
          }
        });
    response.empty(200);
  }

  /**
   * Runs {@code work} with the container frozen if it runs: a process inside cannot swap a path for
   * a symlink to the host between resolution and use.
   */
  private void frozen(ApiRequest request, FrozenWork work) throws EngineException {
    try {
      containers.whileFrozen(request.param("id"), work);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "reading the archive for " + request.describe() + ": " + e,
          e);
    }
  }

  private ContainerArchive archive(ApiRequest request) throws EngineException {
    String ref = request.param("id");
    return new ContainerArchive(containers.filesystem(ref), containers.inspect(ref).name());
  }

  private static String path(ApiRequest request) throws EngineException {
    String path = request.query("path").orElse("");
    if (path.isEmpty()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, request.describe() + " needs a path= query parameter");
    }
    if (!path.startsWith("/")) {
      path = "/" + path; // dockerd resolves relative paths from the container's root too
    }
    return path;
  }

  static String header(PathStat stat) {
    return Base64.getEncoder()
        .encodeToString(
            Json.write(
                new PathStatTemplate(
                    stat.name(),
                    stat.size(),
                    stat.mode(),
                    stat.mtime().toString(),
                    stat.linkTarget())));
  }
}
