package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.ContainerTopTemplate;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.Routes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /containers/{id}/top?ps_args=}: as dockerd, runs the host's {@code ps} with the
 * arguments (default {@code -ef}) and keeps the rows whose PID belongs to the container.
 */
public final class TopEndpoint implements Endpoints {
  private static final long TIMEOUT_SECONDS = 30;
  private final Containers containers;

  public TopEndpoint(Containers containers) {
    this.containers = containers;
  }

  @Override
  public void register(Routes routes) {
    routes.get("/containers/{id}/top", this::top);
  }

  private void top(ApiRequest request, ApiResponse response) throws EngineException {
    String args = request.query("ps_args").filter(a -> !a.isBlank()).orElse("-ef");
    Set<String> pids = new HashSet<>();
    containers.processIds(request.param("id")).forEach(p -> pids.add(Long.toString(p)));
    response.json(200, filter(ps(args), pids, args));
  }

  /** The rows of {@code output} whose PID column is one of {@code pids}. */
  static ContainerTopTemplate filter(String output, Set<String> pids, String args)
      throws EngineException {
    String[] lines = output.split("\n");
    List<String> titles = Arrays.asList(lines[0].strip().split("\\s+"));
    int pidColumn = titles.indexOf("PID");
    if (pidColumn < 0) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "ps " + args + " has no PID column: berthd needs one to find the container's processes");
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].strip().split("\\s+");
      if (fields.length < titles.size() || !pids.contains(fields[pidColumn])) {
        continue;
      }
      List<String> row = new ArrayList<>(Arrays.asList(fields).subList(0, titles.size() - 1));
      row.add(String.join(" ", Arrays.asList(fields).subList(titles.size() - 1, fields.length)));
      rows.add(row);
    }
    return new ContainerTopTemplate(titles, rows);
  }

  private static String ps(String args) throws EngineException {
    List<String> command = new ArrayList<>(List.of("ps"));
    command.addAll(Arrays.asList(args.strip().split("\\s+")));
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectInput(
                  ProcessBuilder.Redirect.from(java.nio.file.Path.of("/dev/null").toFile()))
              .start();
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return process.getErrorStream().readAllBytes();
                } catch (IOException e) {
                  return new byte[0];
                }
              });
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new EngineException(
            ErrorKind.UNAVAILABLE, "ps " + args + ": no answer within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0 || out.isBlank()) {
        String why = new String(err.join(), StandardCharsets.UTF_8).strip().replace('\n', ' ');
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT,
            "ps " + args + " failed (exit " + process.exitValue() + "): " + why);
      }
      return out;
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "running ps " + args + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorKind.UNAVAILABLE, "interrupted running ps " + args, e);
    }
  }
}
