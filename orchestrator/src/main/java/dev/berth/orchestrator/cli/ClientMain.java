package dev.berth.orchestrator.cli;

/**
 * Entry point of {@code bin/berth}: the warm CLI server's client first, the whole CLI only when the
 * command is to run in this process. It and {@link WarmClient} are all of {@code berth-client.jar},
 * which the launcher puts before {@code berth.jar} on the class path, so a served command reads
 * nothing from the large jar (opening it alone costs a cold JVM ~10 ms). Only JDK types appear in
 * its signatures: verifying it loads none of berth's other classes.
 */
public final class ClientMain {
  private ClientMain() {}

  public static void main(String[] args) {
    int served = WarmClient.serve(args);
    if (served != WarmClient.LOCAL) {
      Runtime.getRuntime().halt(served); // nothing of berth's ran here: nothing to shut down
    }
    BerthMain.runHere(args);
  }
}
