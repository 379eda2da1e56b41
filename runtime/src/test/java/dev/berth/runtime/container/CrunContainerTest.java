package dev.berth.runtime.container;

/** The container contract with crun (through its private-mount-namespace wrapper here). */
class CrunContainerTest extends ContainerContractTest {
  @Override
  String runtime() {
    return "crun";
  }
}
