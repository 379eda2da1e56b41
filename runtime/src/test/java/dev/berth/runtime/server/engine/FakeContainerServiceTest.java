package dev.berth.runtime.server.engine;

/** The fake passes the contract the real engine will pass. */
class FakeContainerServiceTest extends ContainerServiceContract {
  @Override
  protected ContainerService newService(EventBus events) {
    return new FakeContainerService(events);
  }

  @Override
  protected void closeService(ContainerService service) throws Exception {
    ((FakeContainerService) service).close();
  }
}
