package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.engine.ImageInfo;
import dev.berth.orchestrator.engine.ImageName;
import dev.berth.orchestrator.reconcile.Lifecycle;
import dev.berth.runtime.api.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth images}: the images the project's containers run. */
@Command(name = "images", description = "List images used by the created containers.")
final class ImagesCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services (default: all).")
  List<String> services = new ArrayList<>();

  @Option(
      names = {"-q", "--quiet"},
      description = "Only display IDs.")
  boolean quiet;

  @Override
  public Integer call() throws BerthException, EngineException {
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE"));
      for (ContainerInfo c :
          new Lifecycle(session.engine(), session.progress())
              .containers(session.project(), services, true)) {
        Optional<ImageInfo> image = session.engine().image(c.image());
        String id = image.map(ImageInfo::id).orElse("").replaceFirst("^sha256:", "");
        if (quiet) {
          session.out().println(id);
          continue;
        }
        ImageName name = ImageName.parse(c.image());
        rows.add(
            List.of(
                c.name(),
                name.repository(),
                name.tagOrDigest(),
                id.length() > 12 ? id.substring(0, 12) : id,
                image.map(i -> Sizes.human(i.size())).orElse("")));
      }
      if (!quiet) {
        Tables.print(session.out(), rows);
      }
      session.out().flush();
    }
    return 0;
  }
}
