package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the host's berth-named objects; each source is read-only. */
final class HostScanner {

  private static final Path NET = Path.of("/sys/class/net");
  private static final Path NETNS = Path.of("/run/netns");
  private static final Path CGROUP = Path.of("/sys/fs/cgroup");
  private static final Path PROC = Path.of("/proc");
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final List<String> RUNTIMES = List.of("conmon", "crun", "runc");
  private static final List<String> BERTH_ROOTS =
      List.of("/var/lib/berth", "/run/berth", "berth-test");

  private HostScanner() {}

  static Set<Leak> scan() {
    Set<Leak> found = new HashSet<>();
    links(found);
    netnsFiles(found);
    mounts(found);
    cgroups(found);
    nftTables(found);
    iptables(found);
    processes(found);
    return found;
  }

  private static void links(Set<Leak> found) {
    for (String name : names(NET)) {
      if (name.startsWith("berth")) {
        found.add(new Leak(Leak.Kind.LINK, name));
      }
    }
  }

  private static void netnsFiles(Set<Leak> found) {
    for (String name : names(NETNS)) {
      if (name.contains("berth")) {
        found.add(new Leak(Leak.Kind.NETNS, NETNS.resolve(name).toString()));
      }
    }
  }

  private static void mounts(Set<Leak> found) {
    for (String point : Mounts.mountPoints()) {
      if (point.contains("berth")) {
        found.add(new Leak(Leak.Kind.MOUNT, point));
      }
    }
  }

  /** berth* directories at the top of each hierarchy, and every cgroup below them. */
  private static void cgroups(Set<Leak> found) {
    List<Path> hierarchies = new ArrayList<>();
    if (Files.exists(CGROUP.resolve("cgroup.controllers"))) {
      hierarchies.add(CGROUP); // cgroup v2 only
    }
    for (String name : names(CGROUP)) {
      Path hierarchy = CGROUP.resolve(name);
      if (Files.isDirectory(hierarchy, LinkOption.NOFOLLOW_LINKS)) {
        hierarchies.add(hierarchy);
      }
    }
    for (Path hierarchy : hierarchies) {
      for (String name : names(hierarchy)) {
        if (name.startsWith("berth")) {
          walkCgroup(hierarchy, hierarchy.resolve(name), found);
        }
      }
    }
  }

  private static void walkCgroup(Path hierarchy, Path top, Set<Leak> found) {
    try (Stream<Path> dirs = Files.walk(top, 8)) {
      dirs.filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
          .forEach(
              dir ->
                  found.add(
                      new Leak(
                          Leak.Kind.CGROUP,
                          CGROUP.relativize(hierarchy) + ":/" + hierarchy.relativize(dir))));
    } catch (IOException | UncheckedIOException e) {
      // removed while we walked: then it is no leak
    }
  }

  private static void nftTables(Set<Leak> found) {
    String tables = HostCommand.runChecked(List.of("nft", "list", "tables"), TIMEOUT).stdout();
    for (String line : tables.lines().toList()) {
      String[] words = line.strip().split("\\s+");
      if (words.length == 3 && words[0].equals("table") && words[2].startsWith("berth")) {
        found.add(new Leak(Leak.Kind.NFT_TABLE, words[1] + " " + words[2]));
      }
    }
  }

  /** Chains and rules mentioning BERTH in the filter and nat tables, IPv4 and IPv6. */
  private static void iptables(Set<Leak> found) {
    for (String save : List.of("iptables-save", "ip6tables-save")) {
      for (String table : List.of("filter", "nat")) {
        String rules = HostCommand.runChecked(List.of(save, "-t", table), TIMEOUT).stdout();
        rules
            .lines()
            .filter(line -> line.contains("BERTH") && !line.startsWith("#"))
            .map(line -> line.replaceFirst("\\s*\\[\\d+:\\d+\\]$", ""))
            .forEach(
                line ->
                    found.add(
                        new Leak(
                            Leak.Kind.IPTABLES,
                            save.replace("-save", "") + " -t " + table + " " + line)));
      }
    }
  }

  private static void processes(Set<Leak> found) {
    long self = ProcessHandle.current().pid();
    for (String pid : names(PROC)) {
      if (pid.chars().allMatch(Character::isDigit) && Long.parseLong(pid) != self) {
        List<String> argv = cmdline(PROC.resolve(pid).resolve("cmdline"));
        if (isBerths(argv)) {
          found.add(new Leak(Leak.Kind.PROCESS, "pid " + pid + ": " + abbreviate(argv)));
        }
      }
    }
  }

  static boolean isBerths(List<String> argv) {
    if (argv.isEmpty()) {
      return false;
    }
    String joined = String.join(" ", argv);
    if (joined.contains("dev.berth.runtime.server")) {
      return true;
    }
    String program = Path.of(argv.get(0)).getFileName().toString();
    return RUNTIMES.contains(program) && BERTH_ROOTS.stream().anyMatch(joined::contains);
  }

  private static List<String> cmdline(Path file) {
    try {
      String raw = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
    } catch (IOException e) {
      return List.of(); // exited meanwhile, or a kernel thread
    }
  }

  private static String abbreviate(List<String> argv) {
    String joined = String.join(" ", argv);
    return joined.length() <= 200 ? joined : joined.substring(0, 200) + "...";
  }

  private static List<String> names(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
