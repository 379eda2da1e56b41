package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.network.ipam.Ipam;
import dev.berth.runtime.network.netlink.DeleteLink;
import dev.berth.runtime.network.netlink.LinkName;
import dev.berth.runtime.network.netlink.NetlinkException;
import dev.berth.runtime.network.netlink.Rtnetlink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deletes detached veths and removed networks' bridges off the caller's path, in the order they
 * were queued, on its own socket: the kernel takes ~20 ms per veth and ~50 ms per bridge (RCU grace
 * periods). An endpoint's address, and a network's subnet and record, are released only once the
 * link is gone, and an attach reusing a name waits for the pending deletion of that name.
 */
final class LinkReaper implements AutoCloseable {
  private final Rtnetlink socket;
  private final Ipam ipam;
  private final NetworkListener listener;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread reaper = new Thread(runnable, "berth-link-reaper");
            reaper.setDaemon(true);
            return reaper;
          });
  private final Map<String, Future<?>> pending = new ConcurrentHashMap<>();

  LinkReaper(Rtnetlink socket, Ipam ipam, NetworkListener listener) {
    this.socket = socket;
    this.ipam = ipam;
    this.listener = listener;
  }

  /** Queues the deletion of the attachment's veth pair, then the release of its address. */
  void reap(NetworkAttachment attachment) {
    List<String> keys =
        keys(
            attachment.netns().file().toString(),
            attachment.interfaceName().value(),
            attachment.hostInterface().value());
    CompletableFuture<Void> done = new CompletableFuture<>();
    keys.forEach(key -> pending.put(key, done));
    thread.execute(
        () -> {
          try {
            delete(attachment.hostInterface());
            ipam.releaseAddress(attachment.networkId(), attachment.endpointId());
          } catch (EngineException | RuntimeException e) {
            listener.problem("detach " + attachment.endpointId() + ": " + e.getMessage());
          } finally {
            keys.forEach(key -> pending.remove(key, done));
            done.complete(null);
          }
        });
  }

  /** What follows a bridge's deletion. */
  @FunctionalInterface
  interface Release {
    void run() throws EngineException;
  }

  /**
   * Queues the deletion of a removed network's bridge, after the veths queued before it, then
   * {@code release} (its subnet and record): while the bridge still has its address the subnet
   * stays taken, so no new network gets a route that collides with it. {@code what} names the work
   * in a problem report.
   */
  void reapBridge(LinkName bridge, String what, Release release) {
    String key = "bridge|" + bridge.value();
    CompletableFuture<Void> done = new CompletableFuture<>();
    pending.put(key, done);
    thread.execute(
        () -> {
          try {
            delete(bridge);
            release.run();
          } catch (EngineException | RuntimeException e) {
            listener.problem(what + ": " + e.getMessage());
          } finally {
            pending.remove(key, done);
            done.complete(null);
          }
        });
  }

  /** Waits until no deletion of these names (namespace interface, host veth) is pending. */
  void awaitNames(String netnsFile, String interfaceName, String hostInterface) {
    for (String key : keys(netnsFile, interfaceName, hostInterface)) {
      await(pending.get(key));
    }
  }

  void awaitAll() {
    pending.values().forEach(LinkReaper::await);
  }

  @Override
  public void close() {
    awaitAll();
    thread.shutdown();
    socket.close();
  }

  private void delete(LinkName link) throws EngineException {
    try {
      socket.execute(new DeleteLink(link));
    } catch (NetlinkException e) {
      if (!e.isNoSuchDevice()) {
        throw e;
      }
    }
  }

  private static List<String> keys(String netnsFile, String interfaceName, String hostInterface) {
    return List.of(netnsFile + "|" + interfaceName, "host|" + hostInterface);
  }

  private static void await(Future<?> future) {
    if (future == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        future.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        break; // reported to the listener by the task itself
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
