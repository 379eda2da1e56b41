package dev.berth.orchestrator.reconcile;

/**
 * Where the reconciler reports what it does, as {@code docker compose} shows it: {@code Container
 * p-web-1 Started}. The CLI decides how it looks.
 */
public interface Progress {

  /** {@code kind} is Network, Volume, Image or Container; {@code state} e.g. Creating, Started. */
  void event(String kind, String name, String state);

  /** Something the user should know that does not stop the command. */
  void warn(String message);

  /** One line of {@code service}'s image build output. */
  default void buildOutput(String service, String line) {}

  /** Reports nothing. */
  Progress NONE =
      new Progress() {
        @Override
        public void event(String kind, String name, String state) {}

        @Override
        public void warn(String message) {}
      };
}
