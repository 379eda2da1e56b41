package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.oci.ProcessRunner;
import dev.berth.runtime.oci.RuntimeDetector;
import dev.berth.runtime.oci.RuntimeDriver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link RuntimeDriver} per runtime name or path, detected on first use. */
final class RuntimeDrivers {
  private final RuntimeDetector detector;
  private final ProcessRunner runner;
  private final Map<String, RuntimeDriver> drivers = new ConcurrentHashMap<>();

  RuntimeDrivers(RuntimeDetector detector, ProcessRunner runner) {
    this.detector = detector;
    this.runner = runner;
  }

  RuntimeDriver get(String runtimeName) throws EngineException {
    RuntimeDriver existing = drivers.get(runtimeName);
    if (existing != null) {
      return existing;
    }
    RuntimeDriver driver = new RuntimeDriver(detector.runtime(runtimeName), runner);
    drivers.put(runtimeName, driver);
    return driver;
  }
}
