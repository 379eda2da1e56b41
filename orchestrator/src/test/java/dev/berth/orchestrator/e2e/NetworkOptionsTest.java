package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Compose network and volume options reach the engine: {@code ipam} subnets and gateways, static
 * {@code ipv4_address} on the first network (create) and on another (connect), {@code attachable},
 * and a volume's {@code driver_opts}.
 */
class NetworkOptionsTest {
  private static final String PROJECT =
      """
      services:
        fixed:
          image: ${IMAGE}
          command: ["sleep", "600"]
          networks:
            front:
              ipv4_address: 10.240.${NET}.10
            back:
              ipv4_address: 10.241.${NET}.20
          volumes: ["scratch:/scratch"]
      networks:
        front:
          ipam:
            config:
              - subnet: 10.240.${NET}.0/24
                gateway: 10.240.${NET}.1
        back:
          attachable: true
          ipam:
            config:
              - subnet: 10.241.${NET}.0/24
      volumes:
        scratch:
          driver_opts: {type: tmpfs, device: tmpfs, o: "size=16m"}
      """;

  @Test
  void ipamStaticAddressesAttachableAndVolumeDriverOpts_reachTheEngine() throws Exception {
    String net = Integer.toString(ThreadLocalRandom.current().nextInt(256));
    try (ComposeProject p = ComposeProject.create(PROJECT)) {
      p.env("NET", net);
      p.berth("up", "-d").orFail();
      String container = p.name() + "-fixed-1";

      assertThat(
              p.docker(
                      "inspect",
                      "--format",
                      "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}",
                      container)
                  .strip())
          .contains(p.name() + "_front=10.240." + net + ".10")
          .contains(p.name() + "_back=10.241." + net + ".20");
      assertThat(
              p.docker(
                      "network",
                      "inspect",
                      "--format",
                      "{{(index .IPAM.Config 0).Subnet}} {{(index .IPAM.Config 0).Gateway}}",
                      p.name() + "_front")
                  .strip())
          .isEqualTo("10.240." + net + ".0/24 10.240." + net + ".1");
      assertThat(
              p.docker("network", "inspect", "--format", "{{.Attachable}}", p.name() + "_back")
                  .strip())
          .isEqualTo("true");
      assertThat(
              p.docker("volume", "inspect", "--format", "{{.Options.type}}", p.name() + "_scratch")
                  .strip())
          .isEqualTo("tmpfs");
      assertThat(p.docker("exec", container, "grep", " /scratch ", "/proc/mounts"))
          .startsWith("tmpfs /scratch tmpfs");

      p.berth("down", "-v", "-t", "0").orFail();
    }
  }
}
