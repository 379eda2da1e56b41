package dev.berth.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.Credentials;
import dev.berth.runtime.api.DockerConfigCredentials;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.content.BlobStore;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Manifest;
import dev.berth.testkit.HostCommand;
import dev.berth.testkit.OciLayout;
import dev.berth.testkit.TempDirs;
import dev.berth.testkit.TestImages;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from real docker-registry instances with token auth, basic auth and TLS. */
class RegistryAuthTest {
  private static Path dir;
  private static TestPki pki;
  private static TokenIssuer issuer;
  private static LocalRegistry tokenRegistry;
  private static LocalRegistry basicRegistry;
  private static LocalRegistry tlsRegistry;

  @TempDir Path temp;
  private BlobStore blobs;

  @BeforeAll
  static void startRegistries() throws Exception {
    dir = TempDirs.create("registry-auth");
    pki = TestPki.create(dir, "berth-test");
    issuer = new TokenIssuer(pki);
    tokenRegistry =
        LocalRegistry.start(Files.createDirectory(dir.resolve("token")), issuer.registryConfig());
    basicRegistry = LocalRegistry.withLogin(dir.resolve("basic"));
    tlsRegistry =
        LocalRegistry.start(
            Files.createDirectory(dir.resolve("tls")),
            "  tls:\n    certificate: " + pki.certPem() + "\n    key: " + pki.keyPem() + "\n");
    OciLayout layout =
        TestImages.build(TestImages.busybox(), Files.createDirectory(dir.resolve("layout")));
    push(layout, tokenRegistry.host() + "/busybox:latest");
    push(layout, tokenRegistry.host() + "/private/busybox:latest");
    push(layout, basicRegistry.host() + "/busybox:latest");
    push(layout, tlsRegistry.host() + "/busybox:latest");
  }

  @AfterAll
  static void stopRegistries() throws Exception {
    for (AutoCloseable c :
        new AutoCloseable[] {tokenRegistry, basicRegistry, tlsRegistry, issuer}) {
      if (c != null) {
        c.close();
      }
    }
    TempDirs.deleteRecursively(dir);
  }

  @BeforeEach
  void openStore() throws Exception {
    blobs = BlobStore.open(temp);
    issuer.requests.clear();
  }

  @Test
  void tokenAuth_anonymousPull_getsAPullTokenForTheRepository() throws Exception {
    Manifest m = pull(tokenRegistry.host() + "/busybox:latest", CredentialStore.NONE);

    assertThat(blobs.contains(m.config().digest())).isTrue();
    assertThat(issuer.requests).isNotEmpty();
    assertThat(issuer.requests.get(0).authorization()).isNull();
    assertThat(issuer.requests.get(0).params())
        .containsEntry("scope", "repository:busybox:pull")
        .containsEntry("service", TokenIssuer.SERVICE);
  }

  @Test
  void tokenAuth_privateRepositoryWithoutLogin_isDenied() {
    String ref = tokenRegistry.host() + "/private/busybox:latest";

    assertThatThrownBy(() -> pull(ref, CredentialStore.NONE))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith(
            "get manifest private/busybox:latest: " + tokenRegistry.host() + " answered 401")
        .satisfies(
            e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.PERMISSION_DENIED));
  }

  @Test
  void tokenAuth_privateRepository_withDockerConfigLogin_sendsBasicToTheIssuer() throws Exception {
    String auth =
        Base64.getEncoder().encodeToString("berth:s3cret".getBytes(StandardCharsets.UTF_8));
    Path config =
        Files.writeString(
            temp.resolve("config.json"),
            "{\"auths\":{\"" + tokenRegistry.host() + "\":{\"auth\":\"" + auth + "\"}}}");

    pull(tokenRegistry.host() + "/private/busybox:latest", DockerConfigCredentials.read(config));

    assertThat(issuer.requests.get(0).authorization()).startsWith("Basic ");
  }

  @Test
  void tokenAuth_identityToken_usesTheOAuthRefreshFlow() throws Exception {
    Path config =
        Files.writeString(
            temp.resolve("config.json"),
            "{\"auths\":{\"http://"
                + tokenRegistry.host()
                + "\":{\"auth\":\"\",\"identitytoken\":\""
                + TokenIssuer.REFRESH_TOKEN
                + "\"}}}");

    pull(tokenRegistry.host() + "/private/busybox:latest", DockerConfigCredentials.read(config));

    assertThat(issuer.requests.get(0).method()).isEqualTo("POST");
    assertThat(issuer.requests.get(0).params())
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", TokenIssuer.REFRESH_TOKEN);
  }

  @Test
  void basicAuth_withCredentials_pulls() throws Exception {
    Manifest m =
        pull(
            basicRegistry.host() + "/busybox:latest",
            host -> java.util.Optional.of(Credentials.basic("berth", "s3cret")));

    assertThat(blobs.contains(m.config().digest())).isTrue();
  }

  @Test
  void basicAuth_withoutCredentials_saysALoginIsNeeded() {
    assertThatThrownBy(() -> pull(basicRegistry.host() + "/busybox:latest", CredentialStore.NONE))
        .hasMessageContaining(basicRegistry.host() + " answered 401 unauthorized")
        .hasMessageContaining("none is known for " + basicRegistry.host());
  }

  @Test
  void basicAuth_wrongPassword_isUnauthorized() {
    assertThatThrownBy(
            () ->
                pull(
                    basicRegistry.host() + "/busybox:latest",
                    host -> java.util.Optional.of(Credentials.basic("berth", "wrong"))))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("answered 401");
  }

  @Test
  void tls_registryWithTrustedCertificate_isPulledOverHttps() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(pki.trustingContext())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    RegistryClient client =
        new RegistryClient(http, RegistryConfig.defaults(), CredentialStore.NONE);

    RegistryClient.Repository repo =
        client.open(ImageReference.parse(tlsRegistry.host() + "/busybox:latest"));
    Manifest m = (Manifest) repo.manifest("latest").document();
    repo.blob(m.config(), blobs, n -> {});

    assertThat(blobs.contains(m.config().digest())).isTrue();
  }

  @Test
  void tls_loopbackRegistryWithAnUntrustedCertificate_isAcceptedLikeDocker() throws Exception {
    Manifest m = pull(tlsRegistry.host() + "/busybox:latest", CredentialStore.NONE);

    assertThat(blobs.contains(m.config().digest())).isTrue();
  }

  @Test
  void tls_untrustedCertificate_isRefusedWhenTheClientVerifies() {
    HttpClient verifying =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    RegistryClient client =
        new RegistryClient(verifying, verifying, RegistryConfig.defaults(), CredentialStore.NONE);

    assertThatThrownBy(
            () ->
                client
                    .open(ImageReference.parse(tlsRegistry.host() + "/busybox:latest"))
                    .manifest("latest"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("get manifest busybox:latest: cannot reach " + tlsRegistry.host());
  }

  private Manifest pull(String reference, CredentialStore credentials) throws Exception {
    RegistryClient client = RegistryClient.create(RegistryConfig.defaults(), credentials);
    ImageReference ref = ImageReference.parse(reference);
    RegistryClient.Repository repo = client.open(ref);
    Manifest m = (Manifest) repo.manifest(ref.tag()).document();
    repo.blob(m.config(), blobs, n -> {});
    for (var layer : m.layers()) {
      repo.blob(layer, blobs, n -> {});
    }
    return m;
  }

  private static void push(OciLayout layout, String destination) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "skopeo",
                "--insecure-policy",
                "copy",
                "--dest-tls-verify=false",
                "--dest-creds",
                TokenIssuer.USER + ":" + TokenIssuer.PASSWORD,
                layout.transportReference(),
                "docker://" + destination));
    HostCommand.runChecked(command, Duration.ofSeconds(120));
  }
}
