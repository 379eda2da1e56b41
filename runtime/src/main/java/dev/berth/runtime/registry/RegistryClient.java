package dev.berth.runtime.registry;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.content.BlobStore;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.ImageReference;
import java.net.http.HttpClient;
import java.util.function.LongConsumer;

/** Entry point of the distribution client: opens a {@link Repository} per image reference. */
public final class RegistryClient {
  private final HttpClient http;
  private final HttpClient insecureHttp;
  private final RegistryEndpoints endpoints;
  private final CredentialStore credentials;
  private final RegistryConfig config;

  /** A client using {@code http} for every registry, verifying TLS as that client does. */
  public RegistryClient(HttpClient http, RegistryConfig config, CredentialStore credentials) {
    this(http, http, config, credentials);
  }

  /**
   * A client using {@code insecureHttp} for loopback and insecure registries (Docker does not
   * verify their certificates) and {@code http} for all others.
   */
  public RegistryClient(
      HttpClient http,
      HttpClient insecureHttp,
      RegistryConfig config,
      CredentialStore credentials) {
    this.http = http;
    this.insecureHttp = insecureHttp;
    this.config = config;
    this.endpoints = new RegistryEndpoints(config);
    this.credentials = credentials;
  }

  /** A client with its own HTTP/1.1 connection pool, never following redirects by itself. */
  public static RegistryClient create(RegistryConfig config, CredentialStore credentials) {
    return new RegistryClient(
        builder(config).build(),
        builder(config).sslContext(InsecureTls.context()).build(),
        config,
        credentials);
  }

  private static HttpClient.Builder builder(RegistryConfig config) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(config.connectTimeout());
  }

  public RegistryConfig config() {
    return config;
  }

  /** A session on the reference's repository; tokens are kept for the session's lifetime. */
  public Repository open(ImageReference reference) {
    return new Repository(
        new RegistrySession(
            endpoints.plainHttp(reference.registry()) ? insecureHttp : http,
            reference,
            endpoints.forHost(reference.registry()),
            credentials,
            config.stallTimeout()));
  }

  /** One repository of one registry, authenticated as needed. */
  public static final class Repository {
    private final RegistrySession session;

    Repository(RegistrySession session) {
      this.session = session;
    }

    /** The manifest or index for a tag or digest ({@code "7"}, {@code "sha256:..."}). */
    public FetchedManifest manifest(String tagOrDigest) throws EngineException {
      return new ManifestRequest(session, tagOrDigest).fetch();
    }

    /** Downloads a blob into the store, verified against the descriptor's digest and size. */
    public void blob(Descriptor descriptor, BlobStore store, LongConsumer progress)
        throws EngineException {
      new BlobRequest(session, descriptor).fetch(store, progress);
    }

    /** Downloads a blob while {@code reader} consumes it; see {@link BlobReader}. */
    public void blob(
        Descriptor descriptor, BlobStore store, LongConsumer progress, BlobReader reader)
        throws EngineException {
      new BlobRequest(session, descriptor).fetch(store, progress, reader);
    }

    /** The registry host errors should name. */
    public String host() {
      return session.host();
    }
  }
}
