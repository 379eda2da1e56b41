package dev.berth.runtime.network.dns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** An upstream resolver that knows one name ({@code example.test} → 192.0.2.99) and records. */
final class FakeUpstream implements Upstream {
  final List<String> asked = new ArrayList<>();
  final String label;
  boolean down;

  FakeUpstream(String label) {
    this.label = label;
  }

  @Override
  public synchronized byte[] forward(byte[] query, boolean tcp) throws IOException {
    if (down) {
      throw new IOException("no answer from " + label + ": timed out");
    }
    Message message = new Message(query);
    asked.add(message.getQuestion().getName().toString() + (tcp ? " tcp" : " udp"));
    Message reply = new Message(message.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.addRecord(message.getQuestion(), Section.QUESTION);
    if (message.getQuestion().getName().toString().equals("example.test.")) {
      reply.addRecord(
          new ARecord(
              message.getQuestion().getName(),
              DClass.IN,
              60,
              java.net.InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 99})),
          Section.ANSWER);
    } else {
      reply.getHeader().setRcode(Rcode.NXDOMAIN);
    }
    return reply.toWire();
  }

  @Override
  public String describe() {
    return label;
  }
}
