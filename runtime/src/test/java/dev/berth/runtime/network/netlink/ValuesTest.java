package dev.berth.runtime.network.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.network.ipam.Ipv4Address;
import org.junit.jupiter.api.Test;

/** LinkName and MacAddress validation and forms. */
class ValuesTest {

  @Test
  void linkName_acceptsFifteenCharactersAndRejectsSixteen() throws Exception {
    assertThat(LinkName.parse("berth0123456789").value()).hasSize(15);
    assertThatThrownBy(() -> LinkName.parse("berth01234567890"))
        .hasMessageContaining("invalid interface name \"berth01234567890\"");
  }

  @Test
  void linkName_rejectsSlashesColonsSpacesAndDots() {
    for (String bad : new String[] {"a/b", "a:b", "a b", "", ".", ".."}) {
      assertThatThrownBy(() -> LinkName.parse(bad)).hasMessageContaining('"' + bad + '"');
    }
  }

  @Test
  void macAddress_derivedFromAnAddressUsesDockersPrefix() throws Exception {
    assertThat(MacAddress.derivedFrom(Ipv4Address.parse("172.30.0.2")))
        .hasToString("02:42:ac:1e:00:02");
  }

  @Test
  void macAddress_parseRoundTripsAndQuotesBadInput() throws Exception {
    assertThat(MacAddress.parse("0A:0b:0c:0d:0e:0f")).hasToString("0a:0b:0c:0d:0e:0f");
    assertThatThrownBy(() -> MacAddress.parse("0a:0b")).hasMessage("invalid MAC address \"0a:0b\"");
  }
}
