package dev.berth.runtime.registry;

import dev.berth.runtime.image.ImageReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Which base URLs serve a registry host, in the order to try: mirrors before Docker Hub; plain HTTP
 * and then HTTPS for loopback and insecure registries, HTTPS only for the rest.
 */
final class RegistryEndpoints {
  static final String DOCKER_HUB_API = "https://registry-1.docker.io";

  private final RegistryConfig config;

  RegistryEndpoints(RegistryConfig config) {
    this.config = config;
  }

  List<URI> forHost(String host) {
    List<URI> out = new ArrayList<>();
    if (host.equals(ImageReference.DOCKER_HUB)) {
      for (String mirror : config.dockerHubMirrors()) {
        out.add(
            URI.create(mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror));
      }
      out.add(URI.create(DOCKER_HUB_API));
      return out;
    }
    if (plainHttp(host)) {
      // Plain HTTP first: the user allowed it, and a failed TLS attempt costs a JVM about a second
      // on every local pull. A registry that speaks only TLS refuses HTTP and gets HTTPS next.
      out.add(URI.create("http://" + host));
    }
    out.add(URI.create("https://" + host));
    return out;
  }

  boolean plainHttp(String host) {
    return isLoopback(host) || config.insecureRegistries().contains(host);
  }

  static boolean isLoopback(String host) {
    String name = host;
    if (name.startsWith("[")) {
      name = name.substring(1, name.indexOf(']'));
    } else if (name.indexOf(':') > 0) {
      name = name.substring(0, name.indexOf(':'));
    }
    return name.equals("localhost") || name.startsWith("127.") || name.equals("::1");
  }
}
