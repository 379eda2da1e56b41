package dev.berth.runtime.image.store;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageConfig;
import dev.berth.runtime.image.ImageIndex;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Manifest;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.image.wire.ImageJson;
import dev.berth.runtime.registry.FetchedManifest;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code docker pull}: resolves a reference to a manifest for the wanted platform, downloads config
 * and layers (in parallel, bounded, each verified and retried), unpacks each layer once, and
 * records the image. Failures say {@code pull <ref>: <what went wrong>}.
 */
public final class ImagePuller {
  private final RegistryClient registry;
  private final ImageStore store;
  private final Retry retry;
  private final int parallelism;

  public ImagePuller(RegistryClient registry, ImageStore store) {
    RegistryConfig config = registry.config();
    this.registry = registry;
    this.store = store;
    this.retry = new Retry(config.attempts(), config.initialBackoff());
    this.parallelism = config.maxConcurrentDownloads();
  }

  /** Pulls {@code reference} for {@code platform}, reporting to {@code listener}. */
  public PulledImage pull(ImageReference reference, Platform platform, PullListener listener)
      throws EngineException {
    store.writerLock().lock();
    try {
      return doPull(reference, platform, listener);
    } catch (EngineException e) {
      throw new EngineException(
          e.kind(), "pull " + reference.familiar() + ": " + e.getMessage(), e);
    } finally {
      store.writerLock().unlock();
    }
  }

  private PulledImage doPull(ImageReference reference, Platform platform, PullListener listener)
      throws EngineException {
    RegistryClient.Repository repo;
    try {
      repo = registry.open(reference);
    } catch (IllegalStateException e) {
      // a credential helper named in config.json failed: say so rather than pull anonymously
      throw new EngineException(ErrorKind.PERMISSION_DENIED, e.getMessage(), e);
    }
    FetchedManifest top =
        retry.run(null, listener, () -> repo.manifest(reference.manifestReference()));
    FetchedManifest chosen = top;
    if (top.document() instanceof ImageIndex index) {
      putBlob(top);
      Descriptor d =
          index
              .select(platform)
              .orElseThrow(
                  () ->
                      new EngineException(
                          ErrorKind.NOT_FOUND,
                          "no image for "
                              + platform
                              + " in the index (it has "
                              + index.manifests().stream()
                                  .filter(m -> m.platform() != null)
                                  .map(m -> m.platform().toString())
                                  .toList()
                              + ")"));
      chosen = retry.run(d.digest(), listener, () -> repo.manifest(d.digest().toString()));
    }
    if (!(chosen.document() instanceof Manifest manifest)) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "an index points at another index; nesting is unsupported");
    }
    Descriptor configDescriptor = manifest.config();
    retry.run(
        configDescriptor.digest(),
        listener,
        () -> {
          repo.blob(configDescriptor, store.blobs(), n -> {});
          return null;
        });
    ImageConfig config = ImageJson.parseConfig(store.blobs().read(configDescriptor.digest()));
    if (config.diffIds().size() != manifest.layers().size()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "the manifest lists "
              + manifest.layers().size()
              + " layers, the config "
              + config.diffIds().size());
    }
    fetchLayers(repo, manifest, config, listener);
    putBlob(chosen);
    long size = configDescriptor.size();
    for (Descriptor l : manifest.layers()) {
      size += l.size();
    }
    store.add(reference, top.digest(), chosen.digest(), configDescriptor.digest(), size);
    return new PulledImage(
        reference, configDescriptor.digest(), top.digest(), chosen.digest(), manifest, config);
  }

  private void fetchLayers(
      RegistryClient.Repository repo, Manifest manifest, ImageConfig config, PullListener listener)
      throws EngineException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, Math.max(1, manifest.layers().size())),
            r -> {
              Thread t = new Thread(r, "berth-pull");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Void>> tasks = new ArrayList<>();
      for (int i = 0; i < manifest.layers().size(); i++) {
        Descriptor layer = manifest.layers().get(i);
        Digest diffId = config.diffIds().get(i);
        listener.status(layer.digest(), "Waiting");
        tasks.add(
            pool.submit(
                () -> {
                  fetchLayer(repo, layer, diffId, listener);
                  return null;
                }));
      }
      for (Future<Void> task : tasks) {
        await(task);
      }
    } finally {
      pool.shutdownNow();
      awaitCleanup(pool); // a failed pull returns once the other downloads have cleaned up
    }
  }

  private static void awaitCleanup(ExecutorService pool) {
    try {
      pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void fetchLayer(
      RegistryClient.Repository repo, Descriptor layer, Digest diffId, PullListener listener)
      throws EngineException, IOException {
    if (store.layers().contains(diffId) && store.blobs().contains(layer.digest())) {
      listener.status(layer.digest(), "Already exists");
      return;
    }
    listener.status(layer.digest(), "Downloading");
    String what = "layer " + layer.digest().shortHex();
    retry.run(
        layer.digest(),
        listener,
        () -> {
          // unpack while downloading: one pass over the bytes, the layer dir published only
          // when its content hashes to the config's diff ID
          repo.blob(
              layer,
              store.blobs(),
              n -> listener.progress(layer.digest(), n, layer.size()),
              in -> {
                if (!store.layers().contains(diffId)) {
                  store.layers().unpack(diffId, in, what);
                }
              });
          return null;
        });
    listener.status(layer.digest(), "Pull complete");
  }

  private void putBlob(FetchedManifest m) throws EngineException {
    try {
      store.blobs().put(m.digest(), m.bytes());
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "cannot store manifest " + m.digest(), e);
    }
  }

  private static void await(Future<Void> task) throws EngineException {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorKind.UNAVAILABLE, "interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof EngineException ee) {
        throw ee;
      }
      throw new EngineException(
          ErrorKind.INTERNAL, "layer download failed: " + e.getCause(), e.getCause());
    }
  }
}
