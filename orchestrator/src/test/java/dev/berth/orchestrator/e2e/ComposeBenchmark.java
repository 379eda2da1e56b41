package dev.berth.orchestrator.e2e;

import dev.berth.testkit.DockerdFixture;
import dev.berth.testkit.HostCommand;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Benchmark (by hand, never in CI): wall time of {@code bin/berth up -d} and {@code down} against
 * Debian's {@code docker-compose} (v1) on the same engine, files and images: 3 services, 20
 * independent services, a chain of 10 gated on the previous one's healthcheck (interval 1s). Usage:
 * {@code java -cp <test classpath> dev.berth.orchestrator.e2e.ComposeBenchmark [runs]}.
 */
public final class ComposeBenchmark {
  private ComposeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path berth =
        Path.of(System.getProperty("berth.home", ".")).toAbsolutePath().resolve("bin/berth");
    String image = TestImages.pushStandard(RegistryFixture.shared()).busybox().reference();
    DockerdFixture docker = DockerdFixture.shared();
    docker.docker("pull", image);
    Path work = Files.createTempDirectory("berth-bench-compose");
    write(work.resolve("three"), three(image));
    write(work.resolve("twenty"), independent(image, 20));
    write(work.resolve("chain"), chain(image, 10));
    for (String scenario : List.of("three", "twenty", "chain")) {
      Path dir = work.resolve(scenario);
      List<String> host = List.of("--host", docker.host());
      time(
          "berth",
          scenario,
          runs,
          dir,
          berthCmd(berth, host, "up", "-d"),
          berthCmd(berth, host, "down", "-t", "1"),
          null);
      time(
          "docker-compose",
          scenario,
          runs,
          dir,
          List.of("docker-compose", "-p", "bench", "up", "-d"),
          List.of("docker-compose", "-p", "bench", "down", "-t", "1"),
          docker.host());
    }
    HostCommand.run(List.of("rm", "-rf", work.toString()), Duration.ofSeconds(30));
    System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).strip());
  }

  private static List<String> berthCmd(Path berth, List<String> host, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of(berth.toString(), "--progress", "quiet", "-p", "bench"));
    cmd.addAll(host);
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static void time(
      String tool,
      String scenario,
      int runs,
      Path dir,
      List<String> up,
      List<String> down,
      String dockerHost)
      throws Exception {
    run(up, dir, dockerHost); // warm-up
    run(down, dir, dockerHost);
    List<Double> ups = new ArrayList<>();
    List<Double> downs = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      ups.add(run(up, dir, dockerHost));
      downs.add(run(down, dir, dockerHost));
    }
    Collections.sort(ups);
    Collections.sort(downs);
    System.out.printf(
        "%-15s %-7s up -d median %.2f s   down median %.2f s   (%d runs)%n",
        tool, scenario, ups.get(runs / 2), downs.get(runs / 2), runs);
  }

  private static double run(List<String> cmd, Path dir, String dockerHost) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    if (dockerHost != null) {
      pb.environment().put("DOCKER_HOST", dockerHost);
    }
    long start = System.nanoTime();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void write(Path dir, String yaml) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("docker-compose.yml"), yaml);
  }

  private static String service(String name, String image) {
    return "  "
        + name
        + ":\n    image: "
        + image
        + "\n    command: [\"sh\", \"-c\", \"exec sleep 600\"]\n    stop_signal: SIGKILL\n";
  }

  private static String three(String image) {
    return "version: \"3.8\"\nservices:\n"
        + service("db", image)
        + "    volumes: [\"data:/data\"]\n"
        + service("web", image)
        + "    ports: [\"127.0.0.1::80\"]\n    depends_on: [db]\n"
        + service("worker", image)
        + "    depends_on: [db]\nvolumes:\n  data: {}\n";
  }

  private static String independent(String image, int n) {
    StringBuilder sb = new StringBuilder("version: \"3.8\"\nservices:\n");
    for (int i = 1; i <= n; i++) {
      sb.append(service("s" + i, image));
    }
    return sb.toString();
  }

  private static String chain(String image, int n) {
    StringBuilder sb = new StringBuilder("version: \"2.4\"\nservices:\n");
    for (int i = 1; i <= n; i++) {
      sb.append(service("c" + i, image));
      sb.append("    healthcheck: {test: [\"CMD\", \"true\"], interval: 1s}\n");
      if (i > 1) {
        sb.append("    depends_on: {c" + (i - 1) + ": {condition: service_healthy}}\n");
      }
    }
    return sb.toString();
  }
}
