package dev.berth.orchestrator.plan;

import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.loader.ServiceHash;
import dev.berth.orchestrator.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides what happens to each replica of a service, from the containers the engine has: a
 * container whose config hash or image differs from the model's is recreated (unless {@link
 * RecreatePolicy#NEVER}), a stopped one started, extra replicas removed, missing ones created.
 */
public final class Planner {
  private Planner() {}

  /**
   * The actions for {@code service} given its {@code existing} containers, the id of the image it
   * would run now ({@code null} when unknown) and the wanted replica count.
   */
  public static List<ContainerAction> plan(
      Service service,
      List<ContainerInfo> existing,
      String imageId,
      int replicas,
      RecreatePolicy policy) {
    String hash = ServiceHash.of(service.attributes());
    Map<Integer, ContainerInfo> byNumber = new TreeMap<>();
    List<ContainerAction> out = new ArrayList<>();
    existing.stream()
        .sorted(Comparator.comparingLong(ContainerInfo::created))
        .forEach(
            c -> {
              int n = number(c);
              if (byNumber.containsKey(n) || n < 1) {
                out.add(new ContainerAction(ContainerAction.Kind.REMOVE, service.name(), n, c));
              } else {
                byNumber.put(n, c);
              }
            });
    byNumber.forEach(
        (n, c) -> {
          if (n > replicas) {
            out.add(new ContainerAction(ContainerAction.Kind.REMOVE, service.name(), n, c));
          }
        });
    for (int n = 1; n <= replicas; n++) {
      ContainerInfo c = byNumber.get(n);
      ContainerAction.Kind kind;
      if (c == null) {
        kind = ContainerAction.Kind.CREATE;
      } else if (policy == RecreatePolicy.FORCE
          || (policy == RecreatePolicy.DIVERGED && diverged(c, hash, imageId))) {
        kind = ContainerAction.Kind.RECREATE;
      } else if (!c.running()) {
        kind = ContainerAction.Kind.START;
      } else {
        kind = ContainerAction.Kind.KEEP;
      }
      out.add(new ContainerAction(kind, service.name(), n, c));
    }
    return out;
  }

  private static boolean diverged(ContainerInfo c, String hash, String imageId) {
    if (!hash.equals(c.label(Labels.CONFIG_HASH).orElse(""))) {
      return true;
    }
    String had = c.label(Labels.IMAGE).orElse("");
    return imageId != null && !had.isEmpty() && !had.equals(imageId);
  }

  private static int number(ContainerInfo c) {
    try {
      return Integer.parseInt(c.label(Labels.NUMBER).orElse("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
