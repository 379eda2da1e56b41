package dev.berth.runtime.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dockerd's event filter semantics. */
class EventFilterTest {
  private static final EngineEvent START =
      new EngineEvent(
          "container", "start", "4f1e2d", Map.of("name", "web", "image", "redis:7"), Instant.EPOCH);
  private static final EngineEvent EXEC =
      new EngineEvent("container", "exec_start: sh -c x", "4f1e2d", Map.of(), Instant.EPOCH);

  @Test
  void differentKeys_mustAllMatch_valuesOfOneKeyAreAlternatives() throws Exception {
    assertThat(
            EventFilter.of(Map.of("type", List.of("container"), "event", List.of("die", "start")))
                .test(START))
        .isTrue();
    assertThat(
            EventFilter.of(Map.of("type", List.of("container"), "event", List.of("die")))
                .test(START))
        .isFalse();
  }

  @Test
  void containerFilter_matchesNameIdOrIdPrefix() throws Exception {
    assertThat(EventFilter.of(Map.of("container", List.of("web"))).test(START)).isTrue();
    assertThat(EventFilter.of(Map.of("container", List.of("4f1"))).test(START)).isTrue();
    assertThat(EventFilter.of(Map.of("container", List.of("db"))).test(START)).isFalse();
  }

  @Test
  void eventFilter_matchesTheActionBeforeAColon() throws Exception {
    assertThat(EventFilter.of(Map.of("event", List.of("exec_start"))).test(EXEC)).isTrue();
  }

  @Test
  void imageFilter_matchesTheImageAttribute() throws Exception {
    assertThat(EventFilter.of(Map.of("image", List.of("redis:7"))).test(START)).isTrue();
  }
}
