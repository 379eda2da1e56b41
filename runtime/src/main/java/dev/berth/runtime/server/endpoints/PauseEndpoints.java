package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.Routes;

/**
 * {@code POST /containers/{id}/pause} and {@code /unpause}: freeze and thaw (204; 409 when not
 * running, or not paused). The {@code pause}/{@code unpause} events come from {@link Containers}
 * through its {@code ContainerEvents} listener, like every other container event.
 */
public final class PauseEndpoints implements Endpoints {
  private final Containers containers;

  public PauseEndpoints(Containers containers) {
    this.containers = containers;
  }

  @Override
  public void register(Routes routes) {
    routes.post("/containers/{id}/pause", this::pause);
    routes.post("/containers/{id}/unpause", this::unpause);
  }

  private void pause(ApiRequest request, ApiResponse response) throws EngineException {
    containers.pause(request.param("id"));
    response.empty(204);
  }

  private void unpause(ApiRequest request, ApiResponse response) throws EngineException {
    containers.unpause(request.param("id"));
    response.empty(204);
  }
}
