package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.loader.render.ConfigRenderer;
import dev.berth.orchestrator.model.MapNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The config hash of a service: SHA-256 of its canonical JSON with the attributes that do not
 * change the container removed ({@code build}, {@code pull_policy}, {@code scale}, {@code
 * deploy.replicas}). The same input always gives the same hash.
 */
public final class ServiceHash {
  private ServiceHash() {}

  /** The hex digest for {@code service} (a canonical service mapping). */
  public static String of(MapNode service) {
    String json = input(service);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Exactly the text that is hashed: the service's canonical JSON (struct field order, sorted maps)
   * under {@code services.x}, without the attributes that do not change the container.
   */
  public static String input(MapNode service) {
    MapNode s = service.without("build").without("pull_policy").without("scale");
    MapNode deploy = Nodes.mapOrNull(s.get("deploy"));
    if (deploy != null) {
      s = s.with("deploy", deploy.without("replicas"));
    }
    return ConfigRenderer.json(Nodes.map(s.mark(), "services", Nodes.map(s.mark(), "x", s)));
  }
}
