package dev.berth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Copies OCI layouts into plain-HTTP registries and inspects them with {@code skopeo}. */
public final class Skopeo {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Skopeo() {}

  /**
   * {@code skopeo copy --dest-tls-verify=false oci:DIR:TAG docker://destination}; fails with
   * skopeo's stderr.
   */
  public static void copy(OciLayout layout, String destination, ManifestFormat format) {
    // --insecure-policy: a CI machine need not have /etc/containers/policy.json.
    List<String> command =
        new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false"));
    if (format == ManifestFormat.DOCKER_V2S2) {
      command.addAll(List.of("--format", "v2s2"));
    }
    command.add(layout.transportReference());
    command.add("docker://" + destination);
    HostCommand.runChecked(command, TIMEOUT);
  }

  /** {@code skopeo inspect --tls-verify=false docker://reference}, parsed. */
  public static JsonNode inspect(String reference) {
    return parse(inspectCommand(reference, false));
  }

  /** The manifest bytes exactly as the registry serves them ({@code skopeo inspect --raw}). */
  public static String inspectRaw(String reference) {
    return inspectCommand(reference, true);
  }

  private static String inspectCommand(String reference, boolean raw) {
    List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--tls-verify=false"));
    if (raw) {
      command.add("--raw");
    }
    command.add("docker://" + reference);
    return HostCommand.runChecked(command, TIMEOUT).stdout();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("skopeo printed no JSON: " + json, e);
    }
  }
}
