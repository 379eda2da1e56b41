package dev.berth.runtime.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * What {@link TestcontainersScenarioTest} runs in a JVM of its own (Testcontainers keeps one engine
 * per JVM, found from {@code DOCKER_HOST}): a busybox httpd container, waited for by a log line and
 * its exposed port, fetched over HTTP, then stopped. Prints {@code key=value} lines.
 */
public final class TestcontainersScenario {
  static final String READY = "berth-scenario-ready";
  static final int PORT = 8080;

  private TestcontainersScenario() {}

  /** {@code args[0]}: the image, e.g. {@code 127.0.0.1:5000/busybox:latest}. */
  public static void main(String[] args) throws Exception {
    DockerImageName image = DockerImageName.parse(args[0]);
    String id;
    try (GenericContainer<?> container =
        new GenericContainer<>(image)
            .withCommand("sh", "-c", "echo " + READY + "; exec httpd -f -p " + PORT + " -h /etc")
            .withExposedPorts(PORT)
            .withLabel("dev.berth.test.clients", "testcontainers")
            .waitingFor(
                new WaitAllStrategy()
                    .withStrategy(Wait.forLogMessage(".*" + READY + ".*\\n", 1))
                    .withStrategy(Wait.forListeningPort())
                    .withStartupTimeout(Duration.ofSeconds(60)))) {
      container.start();
      id = container.getContainerId();
      System.out.println("id=" + id);
      System.out.println("running=" + container.isRunning());
      System.out.println("logs=" + container.getLogs().strip());
      URI uri =
          URI.create(
              "http://" + container.getHost() + ":" + container.getMappedPort(PORT) + "/passwd");
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      System.out.println("status=" + response.statusCode());
      System.out.println("body=" + response.body().lines().findFirst().orElse(""));
      System.out.println("server=" + DockerClientFactory.instance().getInfo().getServerVersion());
    }
    boolean gone =
        DockerClientFactory.instance()
            .client()
            .listContainersCmd()
            .withShowAll(true)
            .withIdFilter(List.of(id))
            .exec()
            .isEmpty();
    System.out.println("gone=" + gone);
    System.out.flush();
    System.exit(0);
  }
}
