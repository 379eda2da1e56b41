package dev.berth.runtime.network.dns;

import static dev.berth.runtime.network.dns.QueryHandlerTest.addresses;
import static dev.berth.runtime.network.dns.QueryHandlerTest.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Two scoped servers and a forwarding chain on 127.0.0.1, queried over UDP and TCP. */
class DnsServerTest {
  private static final InetSocketAddress ANY_LOOPBACK_PORT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final NameTable frontNames = new NameTable();
  private final NameTable backNames = new NameTable();
  private DnsServer upstreamServer;
  private DnsServer front;
  private DnsServer back;

  @AfterEach
  void stopServers() {
    for (DnsServer server : new DnsServer[] {front, back, upstreamServer}) {
      if (server != null) {
        server.close();
      }
    }
  }

  private void startServers() throws Exception {
    // The "host resolver" is itself a berth DnsServer that knows upstream.test.
    NameTable upstreamNames = new NameTable();
    upstreamNames.register(entry("u", "192.0.2.77", "upstream.test"));
    upstreamServer =
        DnsServer.start(
            ANY_LOOPBACK_PORT,
            new QueryHandler(upstreamNames, Optional.empty(), DnsListener.ignoring()),
            DnsListener.ignoring());
    Upstream forwarding =
        new ForwardingUpstream(List.of(upstreamServer.address()), Duration.ofSeconds(2));
    front =
        DnsServer.start(
            ANY_LOOPBACK_PORT,
            new QueryHandler(frontNames, Optional.of(forwarding), DnsListener.ignoring()),
            DnsListener.ignoring());
    back =
        DnsServer.start(
            ANY_LOOPBACK_PORT,
            new QueryHandler(backNames, Optional.of(forwarding), DnsListener.ignoring()),
            DnsListener.ignoring());
  }

  @Test
  void udpAndTcp_bothAnswerOnTheSamePort() throws Exception {
    startServers();
    frontNames.register(entry("c1", "172.30.0.2", "web"));
    assertThat(addresses(query(front, "web.", Type.A, false))).containsExactly("172.30.0.2");
    assertThat(addresses(query(front, "web.", Type.A, true))).containsExactly("172.30.0.2");
  }

  @Test
  void namesAreScopedToTheirNetworksServer() throws Exception {
    startServers();
    frontNames.register(entry("c1", "172.30.0.2", "web"));
    backNames.register(entry("c2", "172.31.0.2", "db"));
    // Neither network knows the other's names; the upstream knows neither.
    assertThat(addresses(query(back, "web.", Type.A, false))).isEmpty();
    assertThat(query(back, "web.", Type.A, false).getRcode()).isNotEqualTo(Rcode.NOERROR);
    assertThat(addresses(query(front, "db.", Type.A, false))).isEmpty();
    assertThat(addresses(query(back, "db.", Type.A, false))).containsExactly("172.31.0.2");
  }

  @Test
  void otherNames_areForwardedUpstreamOverUdpAndTcp() throws Exception {
    startServers();
    assertThat(addresses(query(front, "upstream.test.", Type.A, false)))
        .containsExactly("192.0.2.77");
    assertThat(addresses(query(front, "upstream.test.", Type.A, true)))
        .containsExactly("192.0.2.77");
  }

  @Test
  void manyReplicas_overUdpAreTruncatedAndComeWholeOverTcp() throws Exception {
    startServers();
    for (int i = 0; i < 60; i++) {
      frontNames.register(entry("c" + i, "172.30.1." + (i + 2), "web"));
    }
    Message overTcp = query(front, "web.", Type.A, true);
    assertThat(addresses(overTcp)).hasSize(60);
  }

  @Test
  void close_freesThePortForANewServer() throws Exception {
    startServers();
    InetSocketAddress address = front.address();
    front.close();
    front =
        DnsServer.start(
            address,
            new QueryHandler(frontNames, Optional.empty(), DnsListener.ignoring()),
            DnsListener.ignoring());
    assertThat(front.address()).isEqualTo(address);
  }

  private static Message query(DnsServer server, String name, int type, boolean tcp)
      throws Exception {
    SimpleResolver resolver = new SimpleResolver(server.address());
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(3));
    return resolver.send(
        Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }
}
