package dev.berth.runtime.server.http;

/** A group of endpoints, e.g. {@code /containers/*}, that registers its routes with the router. */
public interface Endpoints {
  void register(Routes routes);
}
