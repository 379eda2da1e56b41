package dev.berth.runtime.registry;

import dev.berth.testkit.HostCommand;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed RSA key and certificate for 127.0.0.1 made with the JDK's {@code keytool}: signs
 * test JWTs and serves TLS.
 */
record TestPki(PrivateKey key, X509Certificate certificate, Path certPem, Path keyPem) {
  static TestPki create(Path dir, String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    HostCommand.runChecked(
        List.of(
            "keytool",
            "-genkeypair",
            "-alias",
            name,
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-dname",
            "CN=" + name,
            "-ext",
            "san=ip:127.0.0.1",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass",
            "changeit",
            "-keypass",
            "changeit"),
        Duration.ofSeconds(60));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) ks.getKey(name, "changeit".toCharArray());
    X509Certificate cert = (X509Certificate) ks.getCertificate(name);
    Path certPem = dir.resolve(name + ".crt");
    Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
    Path keyPem = dir.resolve(name + ".key");
    Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
    return new TestPki(key, cert, certPem, keyPem);
  }

  /** An SSL context trusting only this certificate. */
  SSLContext trustingContext() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("test", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
