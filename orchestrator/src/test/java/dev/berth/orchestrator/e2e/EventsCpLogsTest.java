package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code events}, {@code cp} both ways, and {@code logs} flags. */
class EventsCpLogsTest {
  private static final String TWO =
      """
      services:
        web:
          image: ${IMAGE}
          command: ["sh", "-c", "for i in 1 2 3; do echo line $$i; done; mkdir -p /reports; echo passed > /reports/junit.xml; exec sleep 600"]
        db:
          image: ${IMAGE}
          command: ["sh", "-c", "echo db says hi; exec sleep 600"]
      """;

  @Test
  void events_listsTheProjectsContainerEvents() throws Exception {
    try (ComposeProject p = ComposeProject.create(TWO)) {
      long since = System.currentTimeMillis() / 1000 - 1;
      p.berth("up", "-d").orFail();
      long until = System.currentTimeMillis() / 1000 + 1;
      ComposeRun events =
          p.berth(
                  "events",
                  "--json",
                  "--since",
                  Long.toString(since),
                  "--until",
                  Long.toString(until))
              .orFail();
      assertThat(events.out())
          .contains("\"action\":\"start\"")
          .contains("\"service\":\"web\"")
          .contains("\"service\":\"db\"");
      ComposeRun text =
          p.berth("events", "web", "--since", Long.toString(since), "--until", Long.toString(until))
              .orFail();
      assertThat(text.out())
          .contains(" container create ")
          .contains("name=" + p.name() + "-web-1")
          .doesNotContain("-db-1");
    }
  }

  @Test
  void cp_copiesOutOfAndIntoAServiceContainer() throws Exception {
    try (ComposeProject p = ComposeProject.create(TWO)) {
      p.berth("up", "-d").orFail();
      waitForFile(p, "/reports/junit.xml");
      p.berth("cp", "web:/reports", "out").orFail();
      assertThat(Files.readString(p.dir().resolve("out/junit.xml"))).isEqualTo("passed\n");

      Files.writeString(p.dir().resolve("fixture.sql"), "select 1;\n");
      p.berth("cp", "fixture.sql", "db:/tmp/seed.sql").orFail();
      assertThat(p.docker("exec", p.name() + "-db-1", "cat", "/tmp/seed.sql"))
          .isEqualTo("select 1;\n");
    }
  }

  @Test
  void logs_tailTimestampsAndPrefixes() throws Exception {
    try (ComposeProject p = ComposeProject.create(TWO)) {
      p.berth("up", "-d").orFail();
      waitForFile(p, "/reports/junit.xml");
      assertThat(p.berth("logs", "web", "--tail", "1").orFail().out())
          .isEqualTo("web-1  | line 3\n");
      assertThat(p.berth("logs", "--no-log-prefix", "web").orFail().out())
          .isEqualTo("line 1\nline 2\nline 3\n");
      assertThat(p.berth("logs", "-t", "--no-log-prefix", "db").orFail().out())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\S+ db says hi\\n");
      String all = p.berth("logs").orFail().out();
      assertThat(all).contains("db-1   | db says hi").contains("web-1  | line 2");
    }
  }

  @Test
  void logs_sinceAndUntil_selectByTime() throws Exception {
    String yaml =
        """
        services:
          clock:
            image: ${IMAGE}
            command: ["sh", "-c", "echo early; sleep 2; echo late; exec sleep 600"]
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      p.berth("up", "-d").orFail();
      String stamped = "";
      for (int i = 0; i < 100 && !stamped.contains(" late"); i++) {
        Thread.sleep(100);
        stamped = p.berth("logs", "-t", "--no-log-prefix").orFail().out();
      }
      java.util.List<String> lines = stamped.lines().toList();
      assertThat(lines).hasSize(2);
      java.time.Instant early = java.time.Instant.parse(lines.get(0).split(" ")[0]);
      java.time.Instant late = java.time.Instant.parse(lines.get(1).split(" ")[0]);

      assertThat(p.berth("logs", "--no-log-prefix", "--since", late.toString()).orFail().out())
          .isEqualTo("late\n");
      String untilEarly = early.plusMillis(500).toString();
      assertThat(p.berth("logs", "--no-log-prefix", "--until", untilEarly).orFail().out())
          .isEqualTo("early\n");
      String unix = late.getEpochSecond() + "." + String.format("%09d", late.getNano());
      assertThat(p.berth("logs", "--no-log-prefix", "--since", unix).orFail().out())
          .isEqualTo("late\n");
      assertThat(p.berth("logs", "--no-log-prefix", "--since", "1h").orFail().out())
          .isEqualTo("early\nlate\n");
      ComposeRun bad = p.berth("logs", "--since", "soon");
      assertThat(bad.exitCode()).isEqualTo(1);
      assertThat(bad.err()).contains("--since").contains("soon");
    }
  }

  @Test
  void logsFollow_keepsFollowingAContainerItsRestartPolicyBringsBack() throws Exception {
    String yaml =
        """
        services:
          flaky:
            image: ${IMAGE}
            command: ["sh", "-c", "echo attempt; sleep 1; exit 1"]
            restart: always
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      p.berth("up", "-d").orFail();
      java.util.concurrent.atomic.AtomicReference<ComposeRun> result =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread follower = new Thread(() -> result.set(p.berth("logs", "-f", "--no-log-prefix")));
      follower.setDaemon(true);
      follower.start();
      // three runs of the container take ~3 s plus the engine's restart back-off
      follower.join(java.time.Duration.ofSeconds(8).toMillis());
      p.berth("down", "-t", "0").orFail();
      follower.join(java.time.Duration.ofSeconds(10).toMillis());
      assertThat(follower.isAlive()).as("logs -f ends once the container is removed").isFalse();
      long attempts = result.get().out().lines().filter(l -> l.equals("attempt")).count();
      assertThat(attempts).as(result.get().out()).isGreaterThanOrEqualTo(3);
    }
  }

  private static void waitForFile(ComposeProject p, String path) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (TestEngine.docker()
          .run(java.time.Duration.ofSeconds(10), "exec", p.name() + "-web-1", "test", "-f", path)
          .succeeded()) {
        return;
      }
      Thread.sleep(100);
    }
  }
}
