package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.Credentials;
import dev.berth.runtime.image.store.ImagePuller;
import dev.berth.runtime.image.store.ImageStore;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import java.util.Optional;

/**
 * The puller for one {@code POST /images/create}: the engine's own, or one using the credentials a
 * client sent in {@code X-Registry-Auth} for that pull only.
 */
@FunctionalInterface
public interface ImagePullers {
  ImagePuller puller(Optional<Credentials> fromClient);

  /** Pullers over {@code store}: the engine's logins unless the client sends its own. */
  static ImagePullers using(RegistryConfig config, CredentialStore engineLogins, ImageStore store) {
    ImagePuller standard = new ImagePuller(RegistryClient.create(config, engineLogins), store);
    return fromClient ->
        fromClient.isEmpty()
            ? standard
            : new ImagePuller(RegistryClient.create(config, host -> fromClient), store);
  }
}
