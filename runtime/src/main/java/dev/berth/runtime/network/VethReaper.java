package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.network.ipam.Ipam;
import dev.berth.runtime.network.netlink.DeleteLink;
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
 * Deletes detached veths off the caller's path: the kernel takes ~20 ms per veth (RCU grace
 * periods) on its own socket. The endpoint's address is released only once its veth is gone, and an
 * attach reusing a name waits for the pending deletion of that name.
 */
final class VethReaper implements AutoCloseable {
  private final Rtnetlink socket;
  private final Ipam ipam;
  private final NetworkListener listener;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread reaper = new Thread(runnable, "berth-veth-reaper");
            reaper.setDaemon(true);
            return reaper;
          });
  private final Map<String, Future<?>> pending = new ConcurrentHashMap<>();

  VethReaper(Rtnetlink socket, Ipam ipam, NetworkListener listener) {
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
            delete(attachment);
            ipam.releaseAddress(attachment.networkId(), attachment.endpointId());
          } catch (EngineException | RuntimeException e) {
            listener.problem("detach " + attachment.endpointId() + ": " + e.getMessage());
          } finally {
            keys.forEach(key -> pending.remove(key, done));
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
    pending.values().forEach(VethReaper::await);
  }

  @Override
  public void close() {
    awaitAll();
    thread.shutdown();
    socket.close();
  }

  private void delete(NetworkAttachment attachment) throws EngineException {
    try {
      socket.execute(new DeleteLink(attachment.hostInterface()));
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
