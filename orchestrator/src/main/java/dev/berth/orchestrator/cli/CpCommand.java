package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.engine.FileTar;
import dev.berth.orchestrator.engine.TarExtractor;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code berth cp}: copies files between a service container and the host, {@code cp SERVICE:SRC
 * DEST} or {@code cp SRC SERVICE:DEST}.
 */
@Command(
    name = "cp",
    description = "Copy files/folders between a service container and the local filesystem.")
final class CpCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(index = "0", paramLabel = "SRC")
  String source;

  @Parameters(index = "1", paramLabel = "DEST")
  String destination;

  @Option(names = "--index", paramLabel = "N", description = "Index of the container.")
  int index = 1;

  @Override
  public Integer call() throws BerthException, EngineException {
    boolean fromContainer = source.contains(":");
    if (fromContainer == destination.contains(":")) {
      throw new BerthException(
          ErrorKind.USAGE, "cp: exactly one of SRC and DEST must be SERVICE:PATH");
    }
    String ref = fromContainer ? source : destination;
    String service = ref.substring(0, ref.indexOf(':'));
    String inside = ref.substring(ref.indexOf(':') + 1);
    try (ProjectSession session = ProjectSession.open(parent, List.of(service))) {
      ContainerInfo c = container(session, service);
      Path cwd = parent.host().cwd();
      try {
        if (fromContainer) {
          Path dest = cwd.resolve(destination);
          String name = Path.of(inside).getFileName().toString();
          Path dir = dest;
          if (!Files.isDirectory(dest)) {
            name = dest.getFileName().toString();
            dir = dest.toAbsolutePath().getParent();
          }
          try (InputStream tar = session.engine().copyFrom(c.id(), inside)) {
            TarExtractor.extract(tar, dir, name);
          }
        } else {
          Path src = cwd.resolve(source);
          String dir = inside.endsWith("/") ? inside : parentOf(inside);
          String name =
              inside.endsWith("/")
                  ? src.getFileName().toString()
                  : Path.of(inside).getFileName().toString();
          session.engine().copyTo(c.id(), dir, tar(src, name));
        }
      } catch (IOException e) {
        throw new BerthException(
            ErrorKind.UNAVAILABLE, "cp " + source + " " + destination + ": " + e.getMessage());
      }
    }
    return 0;
  }

  private ContainerInfo container(ProjectSession session, String service)
      throws BerthException, EngineException {
    for (ContainerInfo c :
        session.engine().containers(Labels.ofService(session.project().name(), service), true)) {
      if (c.label(Labels.NUMBER).orElse("").equals(Integer.toString(index))) {
        return c;
      }
    }
    throw new BerthException(
        ErrorKind.NOT_FOUND, "service \"" + service + "\" has no container " + index);
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static byte[] tar(Path src, String name) throws IOException {
    FileTar tar = new FileTar();
    if (!Files.isDirectory(src)) {
      return tar.file(name, Files.readAllBytes(src), 0644).bytes();
    }
    try (Stream<Path> walk = Files.walk(src)) {
      for (Path p : walk.sorted().toList()) {
        String rel = name + (p.equals(src) ? "" : "/" + src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          tar.directory(rel, 0755);
        } else if (Files.isRegularFile(p)) {
          tar.file(rel, Files.readAllBytes(p), Files.isExecutable(p) ? 0755 : 0644);
        }
      }
    }
    return tar.bytes();
  }
}
