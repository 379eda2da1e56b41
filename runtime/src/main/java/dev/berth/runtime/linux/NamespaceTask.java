package dev.berth.runtime.linux;

/** Work run inside a namespace on a dedicated thread; may throw a checked exception of its own. */
@FunctionalInterface
public interface NamespaceTask<T, E extends Exception> {
  T call() throws E;
}
