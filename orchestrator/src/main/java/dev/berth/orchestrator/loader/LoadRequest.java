package dev.berth.orchestrator.loader;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a load depends on; the process environment and working directory are injected here,
 * never read from the JVM.
 *
 * @param cwd the directory berth runs in
 * @param env the process environment
 * @param files {@code -f} arguments ({@code -} = {@code stdin})
 * @param projectName {@code -p}, or null
 * @param projectDirectory {@code --project-directory}, or null
 * @param envFiles {@code --env-file} arguments
 * @param profiles {@code --profile} arguments
 * @param services services named on the command line (their profiles become active)
 * @param switches loader steps to skip
 * @param stdin the text {@code -f -} reads, or null
 */
public record LoadRequest(
    Path cwd,
    Map<String, String> env,
    List<String> files,
    String projectName,
    Path projectDirectory,
    List<String> envFiles,
    List<String> profiles,
    List<String> services,
    Set<LoadSwitch> switches,
    String stdin) {

  public LoadRequest {
    Objects.requireNonNull(cwd, "cwd");
    env = Map.copyOf(env);
    files = List.copyOf(files);
    envFiles = List.copyOf(envFiles);
    profiles = List.copyOf(profiles);
    services = List.copyOf(services);
    switches = switches.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(switches));
  }

  /** A request for {@code files} in {@code cwd} with {@code env} and nothing else set. */
  public static LoadRequest of(Path cwd, Map<String, String> env, List<String> files) {
    return new LoadRequest(
        cwd, env, files, null, null, List.of(), List.of(), List.of(), Set.of(), null);
  }

  public boolean has(LoadSwitch s) {
    return switches.contains(s);
  }
}
