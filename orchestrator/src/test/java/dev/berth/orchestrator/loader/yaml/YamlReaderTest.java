package dev.berth.orchestrator.loader.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.TaggedNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

  @Test
  void readAll_mergeKeys_localKeysWin() throws BerthException {
    MapNode doc =
        (MapNode)
            YamlReader.readAll("c.yaml", "x: &a {image: a, tty: true}\ns:\n  <<: *a\n  image: b\n")
                .get(0);
    MapNode s = (MapNode) doc.get("s");
    assertThat(((ScalarNode) s.get("image")).text()).isEqualTo("b");
    assertThat(((ScalarNode) s.get("tty")).kind()).isEqualTo(ScalarNode.Kind.BOOL);
  }

  @Test
  void readAll_keepsMarks() throws BerthException {
    MapNode doc = (MapNode) YamlReader.readAll("c.yaml", "a:\n  b: 1\n").get(0);
    Node b = ((MapNode) doc.get("a")).get("b");
    assertThat(b.mark().toString()).isEqualTo("c.yaml:2:6");
  }

  @Test
  void readAll_yaml12_yesIsAString() throws BerthException {
    MapNode doc = (MapNode) YamlReader.readAll("c.yaml", "a: yes\n").get(0);
    assertThat(((ScalarNode) doc.get("a")).kind()).isEqualTo(ScalarNode.Kind.STRING);
  }

  @Test
  void readAll_resetTag_isKept() throws BerthException {
    MapNode doc = (MapNode) YamlReader.readAll("c.yaml", "ports: !reset []\n").get(0);
    assertThat(doc.get("ports")).isInstanceOf(TaggedNode.class);
  }

  @Test
  void readAll_multipleDocuments() throws BerthException {
    List<Node> docs = YamlReader.readAll("c.yaml", "a: 1\n---\nb: 2\n");
    assertThat(docs).hasSize(2);
  }

  @Test
  void readAll_badYaml_isLocated() {
    assertThatThrownBy(() -> YamlReader.readAll("c.yaml", "a:\n  - b\n c: d\n"))
        .isInstanceOf(BerthException.class)
        .hasMessageStartingWith("c.yaml:3:");
  }

  @Test
  void readAll_nonStringKey_namesThePath() {
    assertThatThrownBy(() -> YamlReader.readAll("c.yaml", "services:\n  123: x\n"))
        .hasMessageContaining("non-string key in services: 123");
  }
}
