package dev.berth.runtime.network.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.network.firewall.Protocol;
import dev.berth.runtime.network.ipam.Ipv4Address;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Port ranges, their expansion, and reserving host ports on 127.0.0.1. */
class PortsTest {
  private static final Optional<Ipv4Address> LOOPBACK = Optional.of(new Ipv4Address(0x7f00_0001));
  private final PortReserver reserver = new PortReserver();

  @Test
  void portRange_parsesSinglesAndRangesAndQuotesBadInput() throws Exception {
    assertThat(PortRange.parse("8080")).isEqualTo(PortRange.single(8080));
    assertThat(PortRange.parse("8000-8010").size()).isEqualTo(11);
    for (String bad : new String[] {"0", "70000", "10-5", "80a", ""}) {
      assertThatThrownBy(() -> PortRange.parse(bad))
          .hasMessage("invalid port or range \"" + bad + "\"");
    }
  }

  @Test
  void expand_mapsEqualRangesOneToOne() throws Exception {
    List<PortBinding> bindings =
        new PublishRequest(
                Protocol.UDP,
                Optional.empty(),
                Optional.of(PortRange.parse("9000-9002")),
                PortRange.parse("53-55"))
            .expand();
    assertThat(bindings)
        .extracting(PortBinding::describe)
        .containsExactly("0.0.0.0:9000->53/udp", "0.0.0.0:9001->54/udp", "0.0.0.0:9002->55/udp");
  }

  @Test
  void expand_refusesRangesOfDifferentSizes() {
    assertThatThrownBy(
            () ->
                new PublishRequest(
                        Protocol.TCP,
                        Optional.empty(),
                        Optional.of(PortRange.parse("9000-9001")),
                        PortRange.parse("80-82"))
                    .expand())
        .hasMessage("ports: host range 9000-9001 and container range 80-82 differ in size");
  }

  @Test
  void reserve_givesAnEphemeralPortWhenNoneIsAskedFor() throws Exception {
    try (PortReservation reservation =
        reserver.reserve(List.of(new PortBinding(Protocol.TCP, LOOPBACK, Optional.empty(), 80)))) {
      assertThat(reservation.ports().get(0).hostPort()).isPositive();
    }
  }

  @Test
  void reserve_ofAPortInUse_namesItAndHoldsNothing() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        DatagramSocket free =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      int busy = taken.getLocalPort();
      int udpPort = free.getLocalPort();
      free.close();
      PortBinding first =
          new PortBinding(Protocol.UDP, LOOPBACK, Optional.of(PortRange.single(udpPort)), 53);
      PortBinding second =
          new PortBinding(Protocol.TCP, LOOPBACK, Optional.of(PortRange.single(busy)), 80);
      assertThatThrownBy(() -> reserver.reserve(List.of(first, second)))
          .hasMessageStartingWith(
              "publish 127.0.0.1:"
                  + busy
                  + "->80/tcp: host port 127.0.0.1:"
                  + busy
                  + "/tcp is already in use");
      // the UDP port reserved before the failure was given back
      new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), udpPort)).close();
    }
  }

  @Test
  void reserve_holdsThePortUntilClosed() throws Exception {
    PortReservation reservation =
        reserver.reserve(List.of(new PortBinding(Protocol.TCP, LOOPBACK, Optional.empty(), 80)));
    int port = reservation.ports().get(0).hostPort();
    PortBinding again =
        new PortBinding(Protocol.TCP, LOOPBACK, Optional.of(PortRange.single(port)), 80);
    assertThatThrownBy(() -> reserver.reserve(List.of(again))).hasMessageContaining("in use");
    reservation.close();
    reserver.reserve(List.of(again)).close();
  }

  @Test
  void reserve_inAHostRange_takesTheFirstFreePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int busy = taken.getLocalPort();
      PortBinding binding =
          new PortBinding(Protocol.TCP, LOOPBACK, Optional.of(new PortRange(busy, busy + 1)), 80);
      try (PortReservation reservation = reserver.reserve(List.of(binding))) {
        assertThat(reservation.ports().get(0).hostPort()).isEqualTo(busy + 1);
      }
    }
  }
}
