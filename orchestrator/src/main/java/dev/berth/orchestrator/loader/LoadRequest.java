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

  /** Starts a request for a process in {@code cwd} with environment {@code env}. */
  public static Builder builder(Path cwd, Map<String, String> env) {
    return new Builder(cwd, env);
  }

  /** Builds a {@link LoadRequest} one flag at a time. */
  public static final class Builder {
    private final Path cwd;
    private final Map<String, String> env;
    private List<String> files = List.of();
    private String projectName;
    private Path projectDirectory;
    private List<String> envFiles = List.of();
    private List<String> profiles = List.of();
    private List<String> services = List.of();
    private final java.util.EnumSet<LoadSwitch> switches =
        java.util.EnumSet.noneOf(LoadSwitch.class);
    private String stdin;

    private Builder(Path cwd, Map<String, String> env) {
      this.cwd = cwd;
      this.env = env;
    }

    public Builder files(List<String> files) {
      this.files = files;
      return this;
    }

    public Builder projectName(String name) {
      this.projectName = name;
      return this;
    }

    public Builder projectDirectory(Path dir) {
      this.projectDirectory = dir;
      return this;
    }

    public Builder envFiles(List<String> envFiles) {
      this.envFiles = envFiles;
      return this;
    }

    public Builder profiles(List<String> profiles) {
      this.profiles = profiles;
      return this;
    }

    public Builder services(List<String> services) {
      this.services = services;
      return this;
    }

    public Builder skip(LoadSwitch s) {
      switches.add(s);
      return this;
    }

    /** Reads {@code text} for {@code -f -}. */
    public Builder stdin(String text) {
      this.stdin = text;
      return this;
    }

    public LoadRequest build() {
      return new LoadRequest(
          cwd,
          env,
          files,
          projectName,
          projectDirectory,
          envFiles,
          profiles,
          services,
          switches,
          stdin);
    }
  }
}
