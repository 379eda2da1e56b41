package dev.berth.runtime.network;

/** Hears what the network side did and what went wrong where no caller is waiting. */
public interface NetworkListener {

  /** Something was left behind or could not be cleaned up, e.g. a veth that would not go. */
  void problem(String message);

  static NetworkListener ignoring() {
    return message -> {};
  }
}
