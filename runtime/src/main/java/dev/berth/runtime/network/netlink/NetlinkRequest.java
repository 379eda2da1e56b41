package dev.berth.runtime.network.netlink;

/** One rtnetlink request: its wire form and a description for error messages. */
public interface NetlinkRequest {

  /** What the request does, e.g. {@code create bridge berth0a1b}. */
  String describe();

  /** The complete message with {@code sequence} as its nlmsg_seq. */
  byte[] encode(int sequence);
}
