package dev.berth.orchestrator.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortSpecTest {
  private static final Mark M = new Mark("compose.yaml", 3, 9);

  @Test
  void parse_hostAndContainer_givesPublishedString() throws BerthException {
    List<MapNode> ports = PortSpec.parse("8080:80", M, "services.web.ports[0]");
    assertThat(ports).hasSize(1);
    assertThat(Nodes.text(ports.get(0), "published")).isEqualTo("8080");
    assertThat(Nodes.text(ports.get(0), "target")).isEqualTo("80");
    assertThat(Nodes.text(ports.get(0), "protocol")).isEqualTo("tcp");
  }

  @Test
  void parse_pairedRanges_givesOneEntryPerPort() throws BerthException {
    List<MapNode> ports = PortSpec.parse("9090-9091:8080-8081/udp", M, "p");
    assertThat(ports).extracting(p -> Nodes.text(p, "published")).containsExactly("9090", "9091");
    assertThat(ports).extracting(p -> Nodes.text(p, "protocol")).containsOnly("udp");
  }

  @Test
  void parse_ipv6HostIp() throws BerthException {
    MapNode p = PortSpec.parse("[::1]:80:80", M, "p").get(0);
    assertThat(Nodes.text(p, "host_ip")).isEqualTo("::1");
  }

  @Test
  void parse_hostRangeToOnePort_keepsTheRange() throws BerthException {
    assertThat(Nodes.text(PortSpec.parse("8000-9000:80", M, "p").get(0), "published"))
        .isEqualTo("8000-9000");
  }

  @Test
  void parse_badPort_isLocatedAndQuoted() {
    assertThatThrownBy(() -> PortSpec.parse("80a", M, "services.web.ports[1]"))
        .hasMessage(
            "compose.yaml:3:9: services.web.ports[1]: invalid port \"80a\": Invalid containerPort:"
                + " 80a");
  }
}
