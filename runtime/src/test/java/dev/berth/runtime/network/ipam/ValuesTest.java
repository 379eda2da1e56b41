package dev.berth.runtime.network.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import org.junit.jupiter.api.Test;

/** Parsing and arithmetic of Ipv4Address, Subnet and PoolRange. */
class ValuesTest {

  @Test
  void ipv4Address_parseRoundTrips() throws Exception {
    assertThat(Ipv4Address.parse("172.30.0.255")).hasToString("172.30.0.255");
    assertThat(Ipv4Address.parse("255.255.255.255").unsigned()).isEqualTo(0xffff_ffffL);
  }

  @Test
  void ipv4Address_parseQuotesBadInput() {
    for (String bad : new String[] {"1.2.3", "1.2.3.256", "a.b.c.d", "1..2.3", "", "1.2.3.4 "}) {
      assertThatThrownBy(() -> Ipv4Address.parse(bad))
          .isInstanceOf(EngineException.class)
          .hasMessage("invalid IPv4 address \"" + bad + "\"")
          .satisfies(
              e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }
  }

  @Test
  void subnet_parseRejectsHostBitsAndBadPrefixes() {
    assertThatThrownBy(() -> Subnet.parse("10.0.0.1/24"))
        .hasMessage("invalid subnet \"10.0.0.1/24\": host bits set");
    assertThatThrownBy(() -> Subnet.parse("10.0.0.0/33"))
        .hasMessage("invalid subnet \"10.0.0.0/33\": prefix length above 32");
    assertThatThrownBy(() -> Subnet.parse("10.0.0.0"))
        .hasMessage("invalid subnet \"10.0.0.0\": expected address/prefix");
  }

  @Test
  void subnet_knowsItsBroadcastFirstHostAndMembers() throws Exception {
    Subnet subnet = Subnet.parse("172.30.0.0/24");
    assertThat(subnet.broadcast()).hasToString("172.30.0.255");
    assertThat(subnet.firstHost()).hasToString("172.30.0.1");
    assertThat(subnet.contains(Ipv4Address.parse("172.30.0.77"))).isTrue();
    assertThat(subnet.contains(Ipv4Address.parse("172.30.1.0"))).isFalse();
    assertThat(subnet.isUsableHost(Ipv4Address.parse("172.30.0.0"))).isFalse();
    assertThat(subnet.isUsableHost(Ipv4Address.parse("172.30.0.255"))).isFalse();
  }

  @Test
  void subnet_overlapsWhenEitherContainsTheOther() throws Exception {
    Subnet wide = Subnet.parse("172.16.0.0/12");
    assertThat(wide.overlaps(Subnet.parse("172.17.0.0/16"))).isTrue();
    assertThat(Subnet.parse("172.17.0.0/16").overlaps(wide)).isTrue();
    assertThat(Subnet.parse("172.17.0.0/16").overlaps(Subnet.parse("172.18.0.0/16"))).isFalse();
    assertThat(Subnet.parse("0.0.0.0/0").overlaps(Subnet.parse("10.0.0.0/8"))).isTrue();
  }

  @Test
  void poolRange_cutsItsBaseIntoSubnetsOfTheGivenSize() throws Exception {
    PoolRange range = PoolRange.parse("192.168.0.0/16:20");
    assertThat(range.count()).isEqualTo(16);
    assertThat(range.subnet(1)).isEqualTo(Subnet.parse("192.168.16.0/20"));
    assertThatThrownBy(() -> PoolRange.parse("10.0.0.0/16:8"))
        .hasMessageStartingWith("invalid address pool \"10.0.0.0/16:8\"");
  }

  @Test
  void dockerDefaults_startAt172_17AndEndWith192_168() {
    SubnetPool pool = SubnetPool.dockerDefaults();
    assertThat(pool.candidates().get(0)).hasToString("172.17.0.0/16");
    assertThat(pool.candidates().get(14)).hasToString("172.31.0.0/16");
    assertThat(pool.candidates().get(15)).hasToString("192.168.0.0/20");
    assertThat(pool.candidates()).hasSize(31);
  }
}
