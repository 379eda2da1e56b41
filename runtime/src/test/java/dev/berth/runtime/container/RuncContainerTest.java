package dev.berth.runtime.container;

/** The container contract with runc. */
class RuncContainerTest extends ContainerContractTest {
  @Override
  String runtime() {
    return "runc";
  }
}
