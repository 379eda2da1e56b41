package dev.berth.orchestrator.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import org.junit.jupiter.api.Test;

class VolumeSpecTest {

  @Test
  void parse_relativeSource_isABindThatCreatesTheHostPath() throws BerthException {
    MapNode v = VolumeSpec.parse("./data:/data:ro", Mark.NONE, "v");
    assertThat(Nodes.text(v, "type")).isEqualTo("bind");
    assertThat(Nodes.isTrue(v.get("read_only"))).isTrue();
    assertThat(Nodes.isTrue(((MapNode) v.get("bind")).get("create_host_path"))).isTrue();
  }

  @Test
  void parse_name_isAVolume_withNocopy() throws BerthException {
    MapNode v = VolumeSpec.parse("cache:/cache:nocopy", Mark.NONE, "v");
    assertThat(Nodes.text(v, "type")).isEqualTo("volume");
    assertThat(Nodes.isTrue(((MapNode) v.get("volume")).get("nocopy"))).isTrue();
  }

  @Test
  void parse_singlePath_isAnAnonymousVolume() throws BerthException {
    MapNode v = VolumeSpec.parse("/var/lib/data", Mark.NONE, "v");
    assertThat(v.has("source")).isFalse();
    assertThat(Nodes.text(v, "target")).isEqualTo("/var/lib/data");
  }

  @Test
  void parse_keepsColonsInsideVariables() throws BerthException {
    MapNode v = VolumeSpec.parse("/tmp:/tmp/${TIME:-12:30:45}/x", Mark.NONE, "v");
    assertThat(Nodes.text(v, "target")).isEqualTo("/tmp/${TIME:-12:30:45}/x");
  }
}
