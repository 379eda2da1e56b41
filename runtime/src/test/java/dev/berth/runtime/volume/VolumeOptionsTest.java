package dev.berth.runtime.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeOptionsTest {
  @Test
  void parse_noOptions_isAPlainDirectory() throws Exception {
    assertThat(VolumeOptions.parse("v", Map.of()).isPlain()).isTrue();
    assertThat(VolumeOptions.parse("v", null)).isEqualTo(VolumeOptions.NONE);
  }

  @Test
  void parse_tmpfsAndBind_areAccepted() throws Exception {
    VolumeOptions tmpfs =
        VolumeOptions.parse(
            "v", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m,uid=1000"));
    VolumeOptions bind =
        VolumeOptions.parse("v", Map.of("type", "none", "o", "bind,ro", "device", "/srv/data"));

    assertThat(tmpfs.isTmpfs()).isTrue();
    assertThat(tmpfs.mountOptions()).containsExactly("size=1m", "uid=1000");
    assertThat(bind.isBind()).isTrue();
    assertThat(bind.asMap()).containsEntry("device", "/srv/data").containsEntry("o", "bind,ro");
  }

  @Test
  void parse_unknownKey_missingCompanionOrOtherType_isInvalidNamingIt() {
    assertThatThrownBy(() -> VolumeOptions.parse("v", Map.of("size", "1g")))
        .hasMessageContaining("invalid option: \"size\"");
    assertThatThrownBy(() -> VolumeOptions.parse("v", Map.of("o", "bind", "type", "none")))
        .hasMessageContaining("missing required option: \"device\"");
    assertThatThrownBy(
            () ->
                VolumeOptions.parse(
                    "v", Map.of("type", "nfs", "device", ":/x", "o", "addr=1.2.3.4")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("type=\"nfs\"")
        .satisfies(
            e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    assertThatThrownBy(() -> VolumeOptions.parse("v", Map.of("type", "none", "device", "/x")))
        .hasMessageContaining("without o=bind");
    assertThatThrownBy(
            () -> VolumeOptions.parse("v", Map.of("type", "none", "o", "bind", "device", "rel")))
        .hasMessageContaining("must be an absolute path");
  }
}
