package dev.berth.orchestrator.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.orchestrator.loader.render.ConfigRenderer;
import dev.berth.orchestrator.loader.yaml.YamlReader;
import dev.berth.orchestrator.model.MapNode;
import org.junit.jupiter.api.Test;

class MergerTest {

  private static MapNode file(String yaml) throws Exception {
    return Canonicalizer.file((MapNode) YamlReader.readAll("f.yaml", yaml).get(0));
  }

  private static String merge(String base, String override) throws Exception {
    MapNode merged = Merger.merge(file(base), file(override));
    merged = Unicity.apply((MapNode) Merger.stripTags(merged));
    return ConfigRenderer.sortedJson(merged).replaceAll("\\s+", "");
  }

  @Test
  void merge_sequencesAppend_commandIsReplaced() throws Exception {
    String out =
        merge(
            "services: {a: {cap_add: [X], command: [a, b]}}",
            "services: {a: {cap_add: [Y, X], command: c}}");
    assertThat(out).contains("\"cap_add\":[\"X\",\"Y\"]").contains("\"command\":[\"c\"]");
  }

  @Test
  void merge_portsAreKeyedByHostPublishedTarget() throws Exception {
    String out =
        merge("services: {a: {ports: ['8080:80']}}", "services: {a: {ports: ['8080:80', '81']}}");
    assertThat(out.split("\"target\"")).hasSize(3);
  }

  @Test
  void merge_resetRemoves_overrideReplaces() throws Exception {
    String out =
        merge(
            "services: {a: {ports: ['80'], environment: {A: '1', B: '2'}}}",
            "services: {a: {ports: !reset [], environment: !override {C: '3'}}}");
    assertThat(out).doesNotContain("ports").contains("\"environment\":{\"C\":\"3\"}");
  }

  @Test
  void merge_environmentListAndMapMix_laterWins() throws Exception {
    String out =
        merge("services: {a: {environment: [A=1, B=2]}}", "services: {a: {environment: {B: '3'}}}");
    assertThat(out).contains("\"environment\":{\"A\":\"1\",\"B\":\"3\"}");
  }

  @Test
  void merge_typeMismatch_cannotOverride() {
    assertThatThrownBy(
            () -> merge("services: {a: {cap_add: [X]}}", "services: {a: {cap_add: {x: y}}}"))
        .hasMessageContaining("cannot override services.a.cap_add");
  }
}
