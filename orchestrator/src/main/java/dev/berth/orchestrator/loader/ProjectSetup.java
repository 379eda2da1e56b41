package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.loader.dotenv.DotenvException;
import dev.berth.orchestrator.loader.dotenv.DotenvParser;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Works out the interpolation environment ({@code .env}, {@code --env-file}, shell), the compose
 * files ({@code -f}, {@code COMPOSE_FILE}, discovery in parent directories) and the project
 * directory, in the reference's order.
 *
 * @param environment the interpolation environment
 * @param files absolute compose file paths; {@code -} stands for standard input
 * @param workingDir the project directory
 */
record ProjectSetup(Map<String, String> environment, List<String> files, Path workingDir) {

  static final List<String> FILE_NAMES =
      List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
  static final List<String> OVERRIDE_NAMES =
      List.of(
          "compose.override.yml",
          "compose.override.yaml",
          "docker-compose.override.yml",
          "docker-compose.override.yaml");

  /** Only the interpolation environment, also when there is no compose file. */
  static Map<String, String> environmentOnly(LoadRequest req) throws BerthException {
    Map<String, String> env = new LinkedHashMap<>(req.env());
    Path cwd = req.cwd().toAbsolutePath().normalize();
    List<String> files = new ArrayList<>();
    for (String f : req.files()) {
      files.add(f.equals("-") ? "-" : cwd.resolve(f).normalize().toString());
    }
    loadEnvFiles(req, cwd, workingDir(req, cwd, files), env, true);
    return env;
  }

  static ProjectSetup resolve(LoadRequest req, Consumer<String> warnings) throws BerthException {
    Map<String, String> env = new LinkedHashMap<>(req.env());
    env.putIfAbsent("PWD", req.cwd().toString());
    Path cwd = req.cwd().toAbsolutePath().normalize();
    List<String> files = new ArrayList<>();
    for (String f : req.files()) {
      files.add(f.equals("-") ? "-" : cwd.resolve(f).normalize().toString());
    }
    Path workingDir = workingDir(req, cwd, files);
    loadEnvFiles(req, cwd, workingDir, env, true);
    boolean discovered = false;
    if (files.isEmpty()) {
      String composeFile = env.get("COMPOSE_FILE");
      if (composeFile != null) {
        String sep = env.getOrDefault("COMPOSE_PATH_SEPARATOR", ":");
        if (sep.isEmpty()) {
          sep = ":";
        }
        for (String f : composeFile.split(java.util.regex.Pattern.quote(sep))) {
          if (!f.isEmpty()) {
            files.add(cwd.resolve(f).normalize().toString());
          }
        }
      } else {
        discovered = discover(workingDir, files, warnings);
      }
      if (req.projectDirectory() == null && !files.isEmpty() && !files.get(0).equals("-")) {
        Path dir = Path.of(files.get(0)).getParent();
        if (!dir.equals(workingDir)) {
          workingDir = dir;
          loadEnvFiles(req, cwd, workingDir, env, false);
        }
      }
    }
    if (files.isEmpty()) {
      throw new BerthException(
          ErrorKind.NOT_FOUND,
          "no configuration file provided: not found (looked for "
              + String.join(", ", FILE_NAMES)
              + " in "
              + workingDir
              + " and its parents)");
    }
    return new ProjectSetup(env, files, workingDir);
  }

  private static Path workingDir(LoadRequest req, Path cwd, List<String> files) {
    if (req.projectDirectory() != null) {
      return cwd.resolve(req.projectDirectory()).normalize();
    }
    for (String f : files) {
      if (!f.equals("-")) {
        return Path.of(f).getParent();
      }
    }
    return cwd;
  }

  private static boolean discover(Path dir, List<String> files, Consumer<String> warnings) {
    for (Path d = dir; d != null; d = d.getParent()) {
      List<String> found = existing(d, FILE_NAMES);
      if (!found.isEmpty()) {
        if (found.size() > 1) {
          warnings.accept(
              "Found multiple config files with supported names: " + String.join(", ", found));
          warnings.accept("Using " + found.get(0));
        }
        files.add(found.get(0));
        List<String> overrides = existing(d, OVERRIDE_NAMES);
        if (!overrides.isEmpty()) {
          files.add(overrides.get(0));
        }
        return true;
      }
    }
    return false;
  }

  private static List<String> existing(Path dir, List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      Path p = dir.resolve(n);
      if (Files.isRegularFile(p)) {
        out.add(p.toString());
      }
    }
    return out;
  }

  /** Loads env files into {@code env}; keys already set (shell, earlier loads) are kept. */
  private static void loadEnvFiles(
      LoadRequest req, Path cwd, Path workingDir, Map<String, String> env, boolean first)
      throws BerthException {
    List<Path> envFiles = new ArrayList<>();
    boolean explicit = false;
    if (!req.envFiles().isEmpty()) {
      if (!first) {
        return;
      }
      explicit = true;
      for (String f : req.envFiles()) {
        envFiles.add(cwd.resolve(f).normalize());
      }
    } else if (env.containsKey("COMPOSE_ENV_FILES") && first) {
      explicit = true;
      for (String f : env.get("COMPOSE_ENV_FILES").split(",")) {
        if (!f.isBlank()) {
          envFiles.add(cwd.resolve(f.strip()).normalize());
        }
      }
    } else {
      if (Boolean.parseBoolean(env.getOrDefault("COMPOSE_DISABLE_ENV_FILE", "false"))) {
        return;
      }
      Path dotenv = workingDir.resolve(".env");
      if (Files.isRegularFile(dotenv)) {
        envFiles.add(dotenv);
      }
    }
    Map<String, String> fromFiles = new LinkedHashMap<>();
    for (Path f : envFiles) {
      if (!Files.exists(f)) {
        if (explicit) {
          throw new BerthException(
              ErrorKind.NOT_FOUND, "couldn't find env file: " + f + ": no such file");
        }
        continue;
      }
      if (Files.isDirectory(f)) {
        throw new BerthException(
            ErrorKind.INVALID_ARGUMENT, f + " is a directory, not an env file");
      }
      Map<String, String> before = new LinkedHashMap<>(fromFiles);
      fromFiles.putAll(readEnvFile(f, env::get, before::get));
    }
    fromFiles.forEach(env::putIfAbsent);
  }

  static Map<String, String> readEnvFile(
      Path f,
      java.util.function.Function<String, String> lookup,
      java.util.function.Function<String, String> fallback)
      throws BerthException {
    try {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      return DotenvParser.parse(text, lookup, fallback);
    } catch (IOException e) {
      throw new BerthException(ErrorKind.NOT_FOUND, "read env file " + f + ": " + e.getMessage());
    } catch (DotenvException e) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT, "failed to read " + f + ": " + e.getMessage());
    }
  }
}
