package dev.berth.runtime.network.netlink;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.linux.Namespaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Sends rtnetlink requests over one channel and turns the answers into values or errors. */
public final class Rtnetlink implements AutoCloseable {
  private static final int RECEIVE_BUFFER = 64 * 1024;
  private final NetlinkChannel channel;
  private final byte[] buffer = new byte[RECEIVE_BUFFER];
  private int sequence;

  public Rtnetlink(NetlinkChannel channel) {
    this.channel = channel;
  }

  /** A client on a new socket in the calling thread's network namespace. */
  public static Rtnetlink open() throws EngineException {
    return new Rtnetlink(KernelNetlinkChannel.open());
  }

  /**
   * A client on a new socket inside the network namespace bound at {@code netnsFile}; the socket
   * stays in that namespace whichever thread uses it afterwards.
   */
  public static Rtnetlink openIn(Path netnsFile) throws EngineException {
    return Namespaces.callInNetworkNamespace(
        netnsFile, () -> new Rtnetlink(KernelNetlinkChannel.open()));
  }

  /** Sends a request that asks for an acknowledgement and waits for it. */
  public synchronized void execute(NetlinkRequest request) throws EngineException {
    int seq = send(request);
    while (true) {
      for (Message message : receive(request)) {
        if (message.sequence() == seq && message.type() == Rtnl.NLMSG_ERROR) {
          throwIfError(request, message);
          return;
        }
      }
    }
  }

  /** The link named {@code name}; NOT_FOUND when there is none. */
  public synchronized Link link(LinkName name) throws EngineException {
    GetLink request = new GetLink(name);
    int seq = send(request);
    while (true) {
      for (Message message : receive(request)) {
        if (message.sequence() != seq) {
          continue;
        }
        if (message.type() == Rtnl.NLMSG_ERROR) {
          throwIfError(request, message);
        } else if (message.type() == Rtnl.RTM_NEWLINK) {
          return Link.decode(message);
        }
      }
    }
  }

  public List<Link> links() throws EngineException {
    return dump(new DumpLinks(), Rtnl.RTM_NEWLINK, Link::decode);
  }

  public List<LinkAddress> addresses() throws EngineException {
    return dump(new DumpAddresses(), Rtnl.RTM_NEWADDR, LinkAddress::decode);
  }

  public List<Route> routes() throws EngineException {
    return dump(new DumpRoutes(), Rtnl.RTM_NEWROUTE, Route::decode);
  }

  @Override
  public void close() {
    channel.close();
  }

  private synchronized <T> List<T> dump(
      NetlinkRequest request, int replyType, Function<Message, T> decoder) throws EngineException {
    int seq = send(request);
    List<T> results = new ArrayList<>();
    while (true) {
      for (Message message : receive(request)) {
        if (message.sequence() != seq) {
          continue;
        }
        if (message.type() == Rtnl.NLMSG_DONE) {
          return results;
        } else if (message.type() == Rtnl.NLMSG_ERROR) {
          throwIfError(request, message);
        } else if (message.type() == replyType) {
          results.add(decoder.apply(message));
        }
      }
    }
  }

  private int send(NetlinkRequest request) throws EngineException {
    int seq = ++sequence;
    channel.send(request.encode(seq));
    return seq;
  }

  private List<Message> receive(NetlinkRequest request) throws EngineException {
    int length = channel.receive(buffer);
    try {
      return Message.parseAll(buffer, length);
    } catch (IllegalArgumentException e) {
      throw new EngineException(ErrorKind.INTERNAL, request.describe() + ": " + e.getMessage(), e);
    }
  }

  private static void throwIfError(NetlinkRequest request, Message message)
      throws NetlinkException {
    int errno = message.errno();
    if (errno != 0) {
      throw new NetlinkException(request.describe(), errno);
    }
  }
}
