package dev.berth.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitySetTest {
  private static final List<String> HOST = hostWithout("CAP_SYS_RESOURCE");

  private static List<String> hostWithout(String cap) {
    List<String> caps = new ArrayList<>(CapabilitySet.ALL);
    caps.remove(cap);
    return caps;
  }

  @Test
  void resolve_withNoChanges_givesDockersDefaults() throws Exception {
    assertThat(CapabilitySet.resolve(HOST, false, List.of(), List.of()))
        .containsExactlyElementsOf(DockerDefaults.CAPABILITIES);
  }

  @Test
  void resolve_addAndDrop_acceptNamesWithoutPrefixInAnyCase() throws Exception {
    List<String> caps =
        CapabilitySet.resolve(HOST, false, List.of("net_admin"), List.of("CHOWN", "cap_kill"));

    assertThat(caps).contains("CAP_NET_ADMIN").doesNotContain("CAP_CHOWN", "CAP_KILL");
  }

  @Test
  void resolve_dropAllThenAdd_keepsOnlyTheAdded() throws Exception {
    assertThat(CapabilitySet.resolve(HOST, false, List.of("NET_BIND_SERVICE"), List.of("ALL")))
        .containsExactly("CAP_NET_BIND_SERVICE");
  }

  @Test
  void resolve_privileged_givesEverythingTheHostAllows() throws Exception {
    assertThat(CapabilitySet.resolve(HOST, true, List.of(), List.of()))
        .contains("CAP_SYS_ADMIN")
        .doesNotContain("CAP_SYS_RESOURCE");
  }

  @Test
  void resolve_addingACapabilityTheHostLacks_failsClearly() {
    assertThatThrownBy(() -> CapabilitySet.resolve(HOST, false, List.of("SYS_RESOURCE"), List.of()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("CAP_SYS_RESOURCE");
  }

  @Test
  void resolve_unknownName_isAnInvalidArgument() {
    assertThatThrownBy(() -> CapabilitySet.resolve(HOST, false, List.of("FLY"), List.of()))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
        .hasMessageContaining("\"FLY\"");
  }

  @Test
  void fromMask_readsCapBndBits() {
    assertThat(CapabilitySet.fromMask("0000000000000021")).containsExactly("CAP_CHOWN", "CAP_KILL");
  }
}
