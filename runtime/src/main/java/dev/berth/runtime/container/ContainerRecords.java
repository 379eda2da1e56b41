package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.state.JsonFiles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's containers in memory, each saved to its {@code container.json} on every change;
 * finds them by id, unique id prefix or name, and hands out one lock per container.
 */
final class ContainerRecords {
  private final EngineRoots roots;
  private final Map<String, ContainerRecord> records = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  ContainerRecords(EngineRoots roots) {
    this.roots = roots;
  }

  /** Persists {@code record} atomically, then makes it the current one. */
  void save(ContainerRecord record) throws EngineException {
    JsonFiles.write(paths(record).record(), record);
    records.put(record.id(), record);
  }

  /** Makes a record read from disk current without writing it again. */
  void adopt(ContainerRecord record) {
    records.put(record.id(), record);
  }

  /** The container, or NOT_FOUND. */
  ContainerRecord get(String id) throws EngineException {
    ContainerRecord record = records.get(id);
    if (record == null) {
      throw new EngineException(ErrorKind.NOT_FOUND, "no such container: " + id);
    }
    return record;
  }

  /** The container, or null once removed. */
  ContainerRecord find(String id) {
    return records.get(id);
  }

  Collection<ContainerRecord> all() {
    return List.copyOf(records.values());
  }

  void forget(String id) {
    records.remove(id);
  }

  boolean nameInUse(String name) {
    return records.values().stream().anyMatch(r -> r.name().equals(name));
  }

  /** The id of the container named, or whose id is or starts with, {@code ref}. */
  String resolve(String ref) throws EngineException {
    if (records.containsKey(ref)) {
      return ref;
    }
    List<String> matches = new ArrayList<>();
    for (ContainerRecord r : records.values()) {
      if (r.name().equals(ref)) {
        return r.id();
      }
      if (r.id().startsWith(ref)) {
        matches.add(r.id());
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new EngineException(
        matches.isEmpty() ? ErrorKind.NOT_FOUND : ErrorKind.INVALID_ARGUMENT,
        matches.isEmpty() ? "no such container: " + ref : "ambiguous container id " + ref);
  }

  /** The lock serializing changes to one container. */
  Object lock(String id) {
    return locks.computeIfAbsent(id, k -> new Object());
  }

  ContainerPaths paths(ContainerRecord record) {
    return new ContainerPaths(roots, record.id(), record.runtimeId());
  }
}
