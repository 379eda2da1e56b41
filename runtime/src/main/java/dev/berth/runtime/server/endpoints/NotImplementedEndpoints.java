package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.Routes;
import java.util.List;

/**
 * The Docker API groups berthd will serve but does not yet: a {@code 501} naming the endpoint
 * rather than a puzzling 404. Registered last, so implemented routes win.
 */
public final class NotImplementedEndpoints implements Endpoints {
  private static final List<String> GROUPS =
      List.of("containers", "images", "networks", "volumes", "exec", "build", "system", "plugins");
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE");

  @Override
  public void register(Routes routes) {
    for (String group : GROUPS) {
      for (String method : METHODS) {
        routes.add(method, "/" + group, NotImplementedEndpoints::answer);
        routes.add(method, "/" + group + "/{rest*}", NotImplementedEndpoints::answer);
      }
    }
  }

  private static void answer(ApiRequest request, ApiResponse response) throws EngineException {
    throw new EngineException(
        ErrorKind.UNSUPPORTED, "not implemented in berthd yet: " + request.describe());
  }
}
