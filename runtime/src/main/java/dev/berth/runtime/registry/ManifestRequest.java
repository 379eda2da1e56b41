package dev.berth.runtime.registry;

import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.InvalidImageDataException;
import dev.berth.runtime.image.MediaTypes;
import dev.berth.runtime.image.wire.ImageJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * {@code GET /v2/<name>/manifests/<tag|digest>}, accepting Docker and OCI manifests and indexes.
 */
final class ManifestRequest {
  static final String ACCEPT =
      String.join(
          ", ",
          MediaTypes.OCI_INDEX,
          MediaTypes.DOCKER_LIST,
          MediaTypes.OCI_MANIFEST,
          MediaTypes.DOCKER_MANIFEST);
  private static final int MAX_BYTES = 4 << 20;

  private final RegistrySession session;
  private final String reference;

  /** {@code reference} is a tag or a digest string. */
  ManifestRequest(RegistrySession session, String reference) {
    this.session = session;
    this.reference = reference;
  }

  String describe() {
    return "get manifest " + session.reference().repository() + ":" + reference;
  }

  FetchedManifest fetch() throws RegistryException, InvalidImageDataException {
    while (true) {
      try {
        return fetchFromCurrentBase();
      } catch (RegistryException e) {
        if (!session.nextBase(e)) {
          throw e; // mirrors are tried in order, the registry itself last
        }
      }
    }
  }

  private FetchedManifest fetchFromCurrentBase()
      throws RegistryException, InvalidImageDataException {
    HttpResponse<InputStream> response = session.get("manifests/" + reference, ACCEPT, describe());
    if (response.statusCode() != 200) {
      throw session.failure(response, describe());
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw RegistryException.unreachable(describe(), session.host(), e);
    }
    if (body.length > MAX_BYTES) {
      throw new RegistryException(
          ErrorKind.INVALID_ARGUMENT,
          describe() + ": manifest larger than " + MAX_BYTES + " bytes",
          false,
          null);
    }
    Digest digest = Digest.sha256(body);
    if (reference.contains(":") && !digest.toString().equals(reference)) {
      throw new RegistryException(
          ErrorKind.INVALID_ARGUMENT,
          describe() + ": " + session.host() + " sent a manifest hashing to " + digest,
          false,
          null);
    }
    String contentType = response.headers().firstValue("Content-Type").orElse(null);
    return new FetchedManifest(body, digest, ImageJson.parseManifest(body, contentType));
  }
}
