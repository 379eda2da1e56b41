package dev.berth.runtime.api;

import java.util.Optional;

/** Finds the login for a registry host ({@code docker.io}, {@code ghcr.io}, {@code host:port}). */
@FunctionalInterface
public interface CredentialStore {
  /** No logins at all: every pull is anonymous. */
  CredentialStore NONE = host -> Optional.empty();

  Optional<Credentials> lookup(String registryHost);
}
