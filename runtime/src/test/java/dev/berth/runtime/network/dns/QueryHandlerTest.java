package dev.berth.runtime.network.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.network.ipam.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What one network's DNS answers, without sockets. */
class QueryHandlerTest {
  private final NameTable names = new NameTable();
  private final FakeUpstream upstream = new FakeUpstream("fake");
  private final List<String> problems = new ArrayList<>();
  private final QueryHandler handler =
      new QueryHandler(names, Optional.of(upstream), problems::add);

  @Test
  void a_forAServiceName_answersItsAddressAuthoritatively() throws Exception {
    names.register(entry("c1", "172.30.0.2", "web", "project-web-1"));
    Message answer = ask("web.", Type.A);
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(addresses(answer)).containsExactly("172.30.0.2");
    assertThat(upstream.asked).isEmpty();
  }

  @Test
  void a_matchesNamesCaseInsensitively() throws Exception {
    names.register(entry("c1", "172.30.0.2", "Web"));
    assertThat(addresses(ask("WEB.", Type.A))).containsExactly("172.30.0.2");
  }

  @Test
  void a_forAScaledService_returnsEveryReplicaRotatingTheFirst() throws Exception {
    names.register(entry("c1", "172.30.0.2", "web"));
    names.register(entry("c2", "172.30.0.3", "web"));
    names.register(entry("c3", "172.30.0.4", "web"));
    assertThat(addresses(ask("web.", Type.A)))
        .containsExactly("172.30.0.2", "172.30.0.3", "172.30.0.4");
    assertThat(addresses(ask("web.", Type.A)))
        .containsExactly("172.30.0.3", "172.30.0.4", "172.30.0.2");
    assertThat(addresses(ask("web.", Type.A)))
        .containsExactly("172.30.0.4", "172.30.0.2", "172.30.0.3");
  }

  @Test
  void aaaaQueries_doNotTurnTheRotation() throws Exception {
    names.register(entry("c1", "172.30.0.2", "web"));
    names.register(entry("c2", "172.30.0.3", "web"));
    assertThat(addresses(ask("web.", Type.A))).startsWith("172.30.0.2");
    ask("web.", Type.AAAA);
    assertThat(addresses(ask("web.", Type.A))).startsWith("172.30.0.3");
  }

  @Test
  void aaaa_forAKnownName_isNoErrorWithNoRecords() throws Exception {
    names.register(entry("c1", "172.30.0.2", "web"));
    Message answer = ask("web.", Type.AAAA);
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
    assertThat(upstream.asked).isEmpty();
  }

  @Test
  void unknownNames_goUpstreamAndItsAnswerIsRelayed() throws Exception {
    Message answer = ask("example.test.", Type.A);
    assertThat(addresses(answer)).containsExactly("192.0.2.99");
    assertThat(upstream.asked).containsExactly("example.test. udp");
  }

  @Test
  void unregisteredEndpoints_stopResolving() throws Exception {
    names.register(entry("c1", "172.30.0.2", "web"));
    names.unregister("c1");
    assertThat(ask("web.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(upstream.asked).containsExactly("web. udp");
  }

  @Test
  void aDeadUpstream_givesServfailAndTellsTheListener() throws Exception {
    upstream.down = true;
    assertThat(ask("example.test.", Type.A).getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(problems).containsExactly("forward example.test: no answer from fake: timed out");
  }

  @Test
  void anInternalNetwork_doesNotForward() throws Exception {
    QueryHandler internal = new QueryHandler(names, Optional.empty(), problems::add);
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString("example.test."), Type.A, DClass.IN));
    Message answer = new Message(internal.handle(query.toWire(), false, Optional.empty()).get());
    assertThat(answer.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(upstream.asked).isEmpty();
  }

  @Test
  void ptr_forAnEndpointAddress_answersItsFirstName() throws Exception {
    names.register(entry("c1", "172.30.0.2", "project-web-1", "web"));
    Message answer = ask("2.0.30.172.in-addr.arpa.", Type.PTR);
    assertThat(answer.getSection(Section.ANSWER).get(0).rdataToString())
        .isEqualTo("project-web-1.");
  }

  @Test
  void anEndpointWithItsOwnDnsServers_forwardsThere() throws Exception {
    FakeUpstream own = new FakeUpstream("own");
    names.register(entry("c1", "172.30.0.2", "web"));
    handler.useUpstreamFor("c1", own);
    Message query =
        Message.newQuery(Record.newRecord(Name.fromString("example.test."), Type.A, DClass.IN));
    handler.handle(query.toWire(), false, Optional.of(Ipv4Address.parse("172.30.0.2")));
    assertThat(own.asked).containsExactly("example.test. udp");
    assertThat(upstream.asked).isEmpty();
  }

  @Test
  void garbageAndResponses_areNotAnswered() throws Exception {
    assertThat(handler.handle(new byte[] {1, 2, 3}, false, Optional.empty())).isEmpty();
    Message response = new Message();
    response.getHeader().setFlag(Flags.QR);
    assertThat(handler.handle(response.toWire(), false, Optional.empty())).isEmpty();
  }

  private Message ask(String name, int type) throws Exception {
    Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    byte[] answer = handler.handle(query.toWire(), false, Optional.empty()).orElseThrow();
    Message parsed = new Message(answer);
    assertThat(parsed.getHeader().getID()).isEqualTo(query.getHeader().getID());
    return parsed;
  }

  static List<String> addresses(Message answer) {
    return answer.getSection(Section.ANSWER).stream()
        .filter(r -> r.getType() == Type.A)
        .map(Record::rdataToString)
        .toList();
  }

  static DnsEntry entry(String id, String address, String... names) throws Exception {
    return new DnsEntry(id, Ipv4Address.parse(address), List.of(names));
  }
}
