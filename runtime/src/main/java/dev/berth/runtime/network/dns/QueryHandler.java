package dev.berth.runtime.network.dns;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.network.ipam.Ipv4Address;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers one DNS query for one network: its endpoints' names (A, and NOERROR with no records for
 * other types such as AAAA), reverse lookups of their addresses, and the rest from upstream.
 */
public final class QueryHandler {
  static final long TTL_SECONDS = 600;
  private static final int PLAIN_UDP_LIMIT = 512;
  private static final String REVERSE_SUFFIX = ".in-addr.arpa";

  private final NameTable names;
  private final Optional<Upstream> upstream;
  private final DnsListener listener;
  private final Map<String, Upstream> perEndpoint = new ConcurrentHashMap<>();

  /** {@code upstream} empty: an internal network, whose other names fail with SERVFAIL. */
  public QueryHandler(NameTable names, Optional<Upstream> upstream, DnsListener listener) {
    this.names = names;
    this.upstream = upstream;
    this.listener = listener;
  }

  /** Compose's {@code dns:} for one endpoint: its unknown names go to these servers instead. */
  public void useUpstreamFor(String endpointId, Upstream servers) {
    perEndpoint.put(endpointId, servers);
  }

  public void forgetEndpoint(String endpointId) {
    perEndpoint.remove(endpointId);
  }

  /** The answer to {@code wire} from {@code client}; empty when it is not a DNS query. */
  public Optional<byte[]> handle(byte[] wire, boolean tcp, Optional<Ipv4Address> client) {
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (query.getHeader().getFlag(Flags.QR)) {
      return Optional.empty();
    }
    Record question = query.getQuestion();
    if (query.getHeader().getOpcode() != Opcode.QUERY || question == null) {
      return Optional.of(reply(query, Rcode.NOTIMP).toWire());
    }
    String name = question.getName().toString(true);
    Optional<Message> local = answerLocally(query, question, name);
    if (local.isPresent()) {
      return Optional.of(tcp ? local.get().toWire() : local.get().toWire(udpLimit(query)));
    }
    return forward(query, wire, tcp, name, client);
  }

  private Optional<Message> answerLocally(Message query, Record question, String name) {
    if (question.getType() == Type.PTR && name.toLowerCase().endsWith(REVERSE_SUFFIX)) {
      return reverse(name).flatMap(names::nameOf).map(target -> ptr(query, question, target));
    }
    if (!names.knows(name)) {
      return Optional.empty();
    }
    Message response = reply(query, Rcode.NOERROR);
    response.getHeader().setFlag(Flags.AA);
    if (question.getType() == Type.A || question.getType() == Type.ANY) {
      // Only A queries turn the rotation: resolvers ask A and AAAA together.
      for (Ipv4Address address : names.lookup(name)) {
        response.addRecord(
            new ARecord(question.getName(), DClass.IN, TTL_SECONDS, address.toInetAddress()),
            Section.ANSWER);
      }
    }
    return Optional.of(response);
  }

  private Message ptr(Message query, Record question, String target) {
    Message response = reply(query, Rcode.NOERROR);
    response.getHeader().setFlag(Flags.AA);
    try {
      response.addRecord(
          new PTRRecord(question.getName(), DClass.IN, TTL_SECONDS, Name.fromString(target + ".")),
          Section.ANSWER);
    } catch (TextParseException e) {
      return reply(query, Rcode.SERVFAIL);
    }
    return response;
  }

  private Optional<byte[]> forward(
      Message query, byte[] wire, boolean tcp, String name, Optional<Ipv4Address> client) {
    if (upstream.isEmpty()) {
      return Optional.of(reply(query, Rcode.SERVFAIL).toWire());
    }
    Upstream target =
        client.flatMap(names::endpointAt).map(perEndpoint::get).orElse(upstream.get());
    try {
      return Optional.of(target.forward(wire, tcp));
    } catch (IOException e) {
      listener.problem("forward " + name + ": " + e.getMessage());
      return Optional.of(reply(query, Rcode.SERVFAIL).toWire());
    }
  }

  private static Message reply(Message query, int rcode) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    response.getHeader().setRcode(rcode);
    if (query.getQuestion() != null) {
      response.addRecord(query.getQuestion(), Section.QUESTION);
    }
    return response;
  }

  private static int udpLimit(Message query) {
    return query.getOPT() == null
        ? PLAIN_UDP_LIMIT
        : Math.max(PLAIN_UDP_LIMIT, query.getOPT().getPayloadSize());
  }

  /** {@code 2.0.30.172.in-addr.arpa} → 172.30.0.2. */
  static Optional<Ipv4Address> reverse(String name) {
    String[] labels = name.substring(0, name.length() - REVERSE_SUFFIX.length()).split("\\.", -1);
    if (labels.length != 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Ipv4Address.parse(labels[3] + "." + labels[2] + "." + labels[1] + "." + labels[0]));
    } catch (EngineException e) {
      return Optional.empty();
    }
  }
}
