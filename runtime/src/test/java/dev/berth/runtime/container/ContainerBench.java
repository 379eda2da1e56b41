package dev.berth.runtime.container;

import dev.berth.runtime.oci.LocalProcessRunner;
import dev.berth.runtime.oci.ProcessRunner;
import dev.berth.runtime.state.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, run by hand ({@code runtime/bench/containers.sh}), never by the suite: create+start of
 * N busybox containers and their stop+remove, one after another, with the time spent per step and
 * per host program, then the same with {@code docker run}/{@code docker rm} when a dockerd answers.
 */
public final class ContainerBench {
  private static final List<String> LOOP =
      List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done");

  private ContainerBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    List<String> runtimes = args.length > 1 ? List.of(args[1].split(",")) : List.of("crun", "runc");
    Path root = Files.createTempDirectory("berth-test-bench-");
    try {
      Path image = BusyboxRootfs.build(root.resolve("image"));
      for (String runtime : runtimes) {
        berth(3, runtime, root, image, false); // warm up the JVM and the page cache
      }
      for (String runtime : runtimes) {
        berth(n, runtime, root, image, true);
      }
      docker(n, image);
    } finally {
      FileTrees.deleteTree(root);
    }
  }

  private static void berth(int n, String runtime, Path root, Path image, boolean print)
      throws Exception {
    TimingRunner runner = new TimingRunner(new LocalProcessRunner());
    EngineRoots roots =
        new EngineRoots(Files.createTempDirectory(root, "s"), Files.createTempDirectory(root, "r"));
    Map<String, Long> steps = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    try (Containers containers =
        Containers.open(
            ContainersConfig.of(roots, runtime),
            runner,
            new OverlayRootfs(),
            HostFacts.read(),
            Clock.systemUTC(),
            ContainerEvents.NONE)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        long a = System.nanoTime();
        String id =
            containers.create(
                ContainerSpec.builder(ImageConfig.ofCmd("sh"), List.of(image))
                    .command(LOOP)
                    .build());
        long b = System.nanoTime();
        containers.start(id);
        long c = System.nanoTime();
        add(steps, "create (overlay, bundle)", b - a);
        add(steps, "start (conmon + runtime create + start)", c - b);
        ids.add(id);
      }
      long t1 = System.nanoTime();
      for (String id : ids) {
        long a = System.nanoTime();
        containers.stop(id, Duration.ofSeconds(10));
        long b = System.nanoTime();
        containers.remove(id, false, true);
        long c = System.nanoTime();
        add(steps, "stop (SIGTERM to exit file)", b - a);
        add(steps, "remove (delete, umount, files)", c - b);
      }
      long t2 = System.nanoTime();
      if (!print) {
        return;
      }
      System.out.printf(
          "%nberth + %s, %d containers: create+start %d ms total (%.1f ms each),"
              + " stop+remove %d ms total (%.1f ms each)%n",
          runtime, n, ms(t1 - t0), ms(t1 - t0) / (double) n, ms(t2 - t1), ms(t2 - t1) / (double) n);
      steps.forEach((k, v) -> System.out.printf("  %-42s %7.1f ms each%n", k, ms(v) / (double) n));
      System.out.println("  host programs (mean per call, calls):");
      runner.report(n);
    }
  }

  private static void docker(int n, Path image) throws Exception {
    if (run(List.of("docker", "version", "--format", "{{.Server.Version}}")) != 0) {
      System.out.println("\ndocker: no dockerd answers, skipped");
      return;
    }
    String tag = "berth-bench-busybox:latest";
    run(
        List.of(
            "sh", "-c", "tar -C '" + image + "' -c . | docker import - " + tag + " >/dev/null"));
    try {
      List<String> names = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        String name = "berth-bench-" + ProcessHandle.current().pid() + "-" + i;
        List<String> argv = new ArrayList<>(List.of("docker", "run", "-d", "--name", name, tag));
        argv.addAll(LOOP);
        check(run(argv), "docker run");
        names.add(name);
      }
      long t1 = System.nanoTime();
      for (String name : names) {
        check(run(List.of("docker", "stop", "-t", "10", name)), "docker stop");
        check(run(List.of("docker", "rm", name)), "docker rm");
      }
      long t2 = System.nanoTime();
      System.out.printf(
          "%ndocker (dockerd %s), %d containers: docker run -d %d ms total (%.1f ms each),"
              + " docker stop + docker rm %d ms total (%.1f ms each)%n",
          "local", n, ms(t1 - t0), ms(t1 - t0) / (double) n, ms(t2 - t1), ms(t2 - t1) / (double) n);
    } finally {
      run(List.of("docker", "rmi", tag));
    }
  }

  private static void check(int code, String what) {
    if (code != 0) {
      throw new IllegalStateException(what + " failed: exit " + code);
    }
  }

  private static int run(List<String> argv) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(argv)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static void add(Map<String, Long> steps, String step, long nanos) {
    steps.merge(step, nanos, Long::sum);
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  /** Times every host program the engine runs, keyed by program and subcommand. */
  private static final class TimingRunner implements ProcessRunner {
    private final ProcessRunner delegate;
    private final Map<String, long[]> totals = new ConcurrentHashMap<>();

    TimingRunner(ProcessRunner delegate) {
      this.delegate = delegate;
    }

    @Override
    public ProcessResult run(
        List<String> argv, Map<String, String> env, Path stdin, Duration timeout)
        throws IOException {
      long start = System.nanoTime();
      try {
        return delegate.run(argv, env, stdin, timeout);
      } finally {
        long[] t = totals.computeIfAbsent(key(argv), k -> new long[2]);
        synchronized (t) {
          t[0] += System.nanoTime() - start;
          t[1]++;
        }
      }
    }

    private static String key(List<String> argv) {
      if (argv.get(0).equals("/bin/sh")) {
        return "sh + conmon until it detaches (pid wait not included)";
      }
      String program = Path.of(argv.get(0)).getFileName().toString();
      String verb = argv.size() > 2 ? argv.get(2) : "";
      return program + " " + verb;
    }

    void report(int n) {
      totals.forEach(
          (k, t) ->
              System.out.printf("    %-56s %7.1f ms  x%d%n", k, ms(t[0]) / (double) t[1], t[1]));
    }
  }
}
