package dev.berth.runtime.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class K8sFileFormatTest {

  @Test
  void parse_fullLine_readsTimeStreamAndTextWithSpaces() {
    K8sFileFormat.Record record =
        K8sFileFormat.parse("2026-11-27T09:28:04.116414998+00:00 stderr F a  b ").orElseThrow();

    assertThat(record.time()).isEqualTo(Instant.parse("2026-11-27T09:28:04.116414998Z"));
    assertThat(record.stream()).isEqualTo(LogEntry.Stream.STDERR);
    assertThat(record.partial()).isFalse();
    assertThat(record.text()).isEqualTo("a  b ");
  }

  @Test
  void parse_partialAndEmptyLines() {
    assertThat(
            K8sFileFormat.parse("2026-11-27T09:28:04+00:00 stdout P abc").orElseThrow().partial())
        .isTrue();
    assertThat(K8sFileFormat.parse("2026-11-27T09:28:04+00:00 stdout F").orElseThrow().text())
        .isEmpty();
  }

  @Test
  void parse_garbage_isSkipped() {
    assertThat(K8sFileFormat.parse("not a log line")).isEmpty();
    assertThat(K8sFileFormat.parse("")).isEmpty();
  }
}
