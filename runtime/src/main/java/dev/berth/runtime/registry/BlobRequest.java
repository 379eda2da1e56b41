package dev.berth.runtime.registry;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.content.BlobStore;
import dev.berth.runtime.content.Ingest;
import dev.berth.runtime.image.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.function.LongConsumer;

/**
 * {@code GET /v2/<name>/blobs/<digest>} into the blob store, following redirects to blob CDNs,
 * verified while streaming; a broken transfer leaves nothing visible.
 */
final class BlobRequest {
  private static final int BUFFER = 256 * 1024;

  private final RegistrySession session;
  private final Descriptor descriptor;

  BlobRequest(RegistrySession session, Descriptor descriptor) {
    this.session = session;
    this.descriptor = descriptor;
  }

  String describe() {
    return "get blob " + descriptor.digest().shortHex();
  }

  private HttpResponse<InputStream> fromUrls() throws RegistryException {
    RegistryException last = null;
    for (String url : descriptor.urls()) {
      java.net.URI uri = java.net.URI.create(url);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
        continue;
      }
      try {
        HttpResponse<InputStream> r =
            session.follow(session.getExternal(uri, describe()), describe());
        if (r.statusCode() == 200) {
          return r;
        }
        last = session.failure(r, describe());
      } catch (RegistryException e) {
        last = e;
      }
    }
    if (last == null) {
      throw new RegistryException(
          dev.berth.runtime.api.ErrorKind.NOT_FOUND,
          describe() + ": not in the registry and no http(s) URL for the foreign layer",
          false,
          null);
    }
    throw last;
  }

  /** Downloads the blob unless the store has it; {@code progress} gets the bytes done so far. */
  void fetch(BlobStore store, LongConsumer progress) throws EngineException {
    fetch(store, progress, in -> {});
  }

  /**
   * Downloads the blob while {@code reader} consumes it (or reads it from the store when present);
   * the blob becomes visible only once complete and verified.
   */
  void fetch(BlobStore store, LongConsumer progress, BlobReader reader) throws EngineException {
    if (store.contains(descriptor.digest())) {
      progress.accept(descriptor.size());
      try (InputStream in = store.open(descriptor.digest())) {
        reader.read(in);
      } catch (IOException e) {
        throw new EngineException(
            dev.berth.runtime.api.ErrorKind.INTERNAL, describe() + ": " + e.getMessage(), e);
      }
      return;
    }
    HttpResponse<InputStream> response =
        session.follow(session.get("blobs/" + descriptor.digest(), "*/*", describe()), describe());
    if (response.statusCode() == 404 && !descriptor.urls().isEmpty()) {
      RegistrySession.discard(response);
      response = fromUrls(); // a foreign (non-distributable) layer the registry does not hold
    }
    if (response.statusCode() != 200) {
      throw session.failure(response, describe());
    }
    StallWatchdog watchdog = null;
    try (InputStream body = response.body();
        Ingest ingest = store.begin(descriptor.digest(), descriptor.size())) {
      watchdog = StallWatchdog.watch(body, session.stallTimeout(), ingest::written);
      TeeToIngest tee =
          new TeeToIngest(new java.io.BufferedInputStream(body, BUFFER), ingest, progress);
      reader.read(tee);
      tee.drain();
      watchdog.close();
      ingest.commit();
    } catch (TeeToIngest.IngestFailure e) {
      throw e.cause;
    } catch (TeeToIngest.NetworkFailure e) {
      String host = response.uri().getAuthority();
      if (watchdog != null && watchdog.stalled()) {
        throw RegistryException.unreachable(
            describe(),
            host,
            new IOException("no data for " + session.stallTimeout().toMillis() + " ms", e));
      }
      throw RegistryException.unreachable(describe(), host, e);
    } catch (IOException e) {
      throw new EngineException(
          dev.berth.runtime.api.ErrorKind.INTERNAL, describe() + ": " + e.getMessage(), e);
    } finally {
      if (watchdog != null) {
        watchdog.close();
      }
    }
  }
}
