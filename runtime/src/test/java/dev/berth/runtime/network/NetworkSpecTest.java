package dev.berth.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.ipam.IpamRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compose's network options as the bridge driver reads them, and berth's host link names. */
class NetworkSpecTest {

  @Test
  void fromCompose_readsTheBridgeNameAndMtuDriverOptions() throws Exception {
    NetworkSpec spec =
        NetworkSpec.fromCompose(
            "id1",
            "app_default",
            true,
            false,
            IpamRequest.any(),
            Map.of(NetworkSpec.BRIDGE_NAME_OPTION, "berthapp0", NetworkSpec.MTU_OPTION, "1400"));
    assertThat(spec.bridgeName())
        .hasValueSatisfying(n -> assertThat(n.value()).isEqualTo("berthapp0"));
    assertThat(spec.mtu()).isEqualTo(1400);
    assertThat(spec.internal()).isTrue();
  }

  @Test
  void fromCompose_refusesEnableIpv6AsUnsupported() {
    assertThatThrownBy(
            () ->
                NetworkSpec.fromCompose("id1", "app_v6", false, true, IpamRequest.any(), Map.of()))
        .hasMessage("network app_v6: enable_ipv6 is not supported by berth yet")
        .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.UNSUPPORTED));
  }

  @Test
  void fromCompose_refusesUnknownOptionsBadMtusAndLongBridgeNames() {
    assertThatThrownBy(
            () ->
                NetworkSpec.fromCompose(
                    "i", "n", false, false, IpamRequest.any(), Map.of("com.example.x", "1")))
        .hasMessage(
            "network n: driver option \"com.example.x\" is not supported by berth's bridge driver");
    assertThatThrownBy(
            () ->
                NetworkSpec.fromCompose(
                    "i",
                    "n",
                    false,
                    false,
                    IpamRequest.any(),
                    Map.of(NetworkSpec.MTU_OPTION, "9x")))
        .hasMessage("network n: invalid MTU \"9x\" (68 to 65535)");
    assertThatThrownBy(
            () ->
                NetworkSpec.fromCompose(
                    "i",
                    "n",
                    false,
                    false,
                    IpamRequest.any(),
                    Map.of(NetworkSpec.BRIDGE_NAME_OPTION, "a-very-long-bridge-name")))
        .hasMessageContaining("invalid interface name \"a-very-long-bridge-name\"");
  }

  @Test
  void hostNames_areBerthPrefixedFifteenCharactersAndStable() {
    assertThat(HostNames.bridgeFor("net1").value()).startsWith("berth").hasSize(15);
    assertThat(HostNames.vethFor("net1", "c1").value()).startsWith("berthv").hasSize(15);
    assertThat(HostNames.vethFor("net1", "c1")).isEqualTo(HostNames.vethFor("net1", "c1"));
    assertThat(HostNames.vethFor("net1", "c1")).isNotEqualTo(HostNames.vethFor("net2", "c1"));
  }
}
