package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.firewall.Firewall;
import dev.berth.runtime.network.firewall.FirewallNetwork;
import dev.berth.runtime.network.firewall.PortForward;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Puts networks into berth's firewall, and lets a bridge route 127.0.0.0/8 (route_localnet) so a
 * port published on the host reaches containers from 127.0.0.1.
 */
final class FirewallAdapter implements NetworkFirewall {
  private final Firewall firewall;
  private final Path procSysNet;
  private final AutoCloseable resources;
  private final NetworkListener listener;

  FirewallAdapter(
      Firewall firewall, Path procSysNet, AutoCloseable resources, NetworkListener listener) {
    this.firewall = firewall;
    this.procSysNet = procSysNet;
    this.resources = resources;
    this.listener = listener;
  }

  @Override
  public void reconcile() throws EngineException {
    firewall.reconcile();
  }

  @Override
  public void publish(String owner, List<PortForward> forwards) throws EngineException {
    firewall.publish(owner, forwards);
  }

  @Override
  public void unpublish(String owner) throws EngineException {
    firewall.unpublish(owner);
  }

  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("close firewall: " + e.getMessage(), e);
    }
  }

  @Override
  public void networkCreated(BridgeNetwork network) throws EngineException {
    Path routeLocalnet =
        procSysNet.resolve("ipv4/conf").resolve(network.bridge().value()).resolve("route_localnet");
    try {
      Files.writeString(routeLocalnet, "1");
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE, "enable route_localnet on " + network.bridge() + ": " + e, e);
    }
    if (!network.spec().internal()) {
      enableForwarding();
    }
    firewall.addNetwork(toFirewall(network));
  }

  /** Egress needs IPv4 forwarding; Docker turns it on the same way when it is off. */
  private void enableForwarding() throws EngineException {
    Path forward = procSysNet.resolve("ipv4/ip_forward");
    try {
      if (Files.readString(forward).strip().equals("0")) {
        Files.writeString(forward, "1");
        listener.problem("net.ipv4.ip_forward was 0; berth set it to 1 for network egress");
      }
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "enable ip_forward: " + e, e);
    }
  }

  @Override
  public void networkRemoved(BridgeNetwork network) throws EngineException {
    firewall.removeNetwork(network.id());
  }

  static FirewallNetwork toFirewall(BridgeNetwork network) {
    return new FirewallNetwork(
        network.id(), network.bridge(), network.allocation().subnet(), network.spec().internal());
  }
}
