package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 8's CI scenario: a database-like service with a healthcheck, a migration one-shot, an app
 * depending on both, and a test runner whose exit code {@code --exit-code-from} returns; logs
 * collected afterwards; {@code down -v} leaves no engine object of the project behind.
 */
class CiScenarioTest {

  static final String CI_PROJECT =
      """
      services:
        db:
          image: ${IMAGE}
          command: ["sh", "-c", "sleep 1; touch /tmp/ready; echo db up; exec sleep 600"]
          healthcheck:
            test: ["CMD-SHELL", "test -f /tmp/ready"]
            interval: 300ms
            retries: 50
          volumes:
            - dbdata:/var/lib/db
        migrate:
          image: ${IMAGE}
          command: ["sh", "-c", "echo migrating; echo schema-v1 > /var/lib/db/schema; echo migrated"]
          volumes:
            - dbdata:/var/lib/db
          depends_on:
            db:
              condition: service_healthy
        app:
          image: ${IMAGE}
          command: ["sh", "-c", "test -f /var/lib/db/schema && echo app serving && exec sleep 600"]
          volumes:
            - dbdata:/var/lib/db
          depends_on:
            db:
              condition: service_healthy
            migrate:
              condition: service_completed_successfully
        tests:
          image: ${IMAGE}
          command: ["sh", "-c", "echo running tests; cat /var/lib/db/schema; sleep 1; exit ${TESTS_EXIT:-0}"]
          volumes:
            - dbdata:/var/lib/db
          depends_on:
            app:
              condition: service_started
      volumes:
        dbdata:
      """;

  @Test
  void exitCodeFrom_returnsTheTestRunnersRealExitCode_andStopsTheRest() {
    try (ComposeProject p = ComposeProject.create(CI_PROJECT)) {
      p.env("TESTS_EXIT", "3");
      ComposeRun up = p.berth("up", "--exit-code-from", "tests", "-t", "1");

      assertThat(up.exitCode()).as(up.err()).isEqualTo(3);
      assertThat(up.out())
          .contains("tests-1    | running tests")
          .contains("tests-1    | schema-v1")
          .contains("migrate-1  | migrated")
          .contains("app-1      | app serving")
          .contains("tests-1 exited with code 3");
      assertThat(up.err())
          .contains("Container " + p.name() + "-db-1  Healthy")
          .contains("Container " + p.name() + "-app-1  Stopped");
      assertThat(p.docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + p.name()))
          .as("running containers after the cascade")
          .isBlank();

      ComposeRun logs = p.berth("logs", "--no-log-prefix", "app").orFail();
      assertThat(logs.out()).isEqualTo("app serving\n");

      p.berth("down", "-v", "-t", "1").orFail();
      p.assertNothingLeft();
    }
  }

  @Test
  void exitCodeFrom_returnsZero_whenTheTestsPass_andTheMigrationDoesNotAbort() {
    try (ComposeProject p = ComposeProject.create(CI_PROJECT)) {
      ComposeRun up = p.berth("up", "--exit-code-from", "tests", "-t", "1");
      assertThat(up.exitCode()).as(up.err()).isZero();
      assertThat(up.out())
          .contains("migrate-1 exited with code 0")
          .contains("tests-1 exited with code 0");
      assertThat(up.out().indexOf("migrate-1 exited")).isLessThan(up.out().indexOf("Aborting"));
    }
  }

  @Test
  void upWait_treatsTheMigrationExitingZeroAsDone() {
    try (ComposeProject p = ComposeProject.create(CI_PROJECT)) {
      ComposeRun up = p.berth("up", "-d", "--wait", "--wait-timeout", "60", "db", "migrate", "app");
      assertThat(up.exitCode()).as(up.err()).isZero();
      assertThat(up.err()).contains("Container " + p.name() + "-app-1  Healthy");
      assertThat(p.docker("exec", p.name() + "-app-1", "cat", "/var/lib/db/schema"))
          .contains("schema-v1");
    }
  }

  @Test
  void run_startsDependencies_andReturnsTheOneOffsExitCode() {
    try (ComposeProject p = ComposeProject.create(CI_PROJECT)) {
      ComposeRun run =
          p.berth(
              "run",
              "--rm",
              "-T",
              "-e",
              "GREETING=hi",
              "tests",
              "sh",
              "-c",
              "echo $GREETING; cat /var/lib/db/schema; exit 5");
      assertThat(run.exitCode()).as(run.err()).isEqualTo(5);
      assertThat(run.out()).isEqualTo("hi\nschema-v1\n");
      assertThat(
              p.docker(
                  "ps",
                  "-a",
                  "--format",
                  "{{.Names}}",
                  "--filter",
                  "label=com.docker.compose.oneoff=True",
                  "--filter",
                  "label=com.docker.compose.project=" + p.name()))
          .as("one-off containers after run --rm")
          .isBlank();
      assertThat(
              p.docker("ps", "--format", "{{.Names}}", "--filter", "name=" + p.name() + "-app-1"))
          .contains(p.name() + "-app-1");
    }
  }

  @Test
  void exec_runsInTheServiceContainer_andReturnsTheCommandsExitCode() {
    try (ComposeProject p = ComposeProject.create(CI_PROJECT)) {
      p.berth("up", "-d", "--wait", "db").orFail();
      ComposeRun exec = p.berth("exec", "-T", "db", "sh", "-c", "echo out; echo err >&2; exit 4");
      assertThat(exec.exitCode()).isEqualTo(4);
      assertThat(exec.out()).isEqualTo("out\n");
      assertThat(exec.err()).contains("err\n");
    }
  }

  @Test
  void run_pipesStandardInputToTheOneOff_andPassesItsOutputThrough() {
    try (ComposeProject p = ComposeProject.create(CI_PROJECT)) {
      ComposeRun counted =
          p.berthWithInput("a\nb\nc\n", "run", "--rm", "-T", "--no-deps", "db", "wc", "-l");
      assertThat(counted.exitCode()).as(counted.err()).isZero();
      assertThat(counted.out().strip()).isEqualTo("3");

      ComposeRun noInput =
          p.berthWithInput(
              "ignored",
              "run",
              "--rm",
              "-T",
              "-i=false",
              "--no-deps",
              "db",
              "sh",
              "-c",
              "cat; printf 'no newline'; exit 5");
      assertThat(noInput.exitCode()).isEqualTo(5);
      assertThat(noInput.out()).isEqualTo("no newline");
    }
  }

  @Test
  void exec_pipesStandardInputToTheCommand_asComposeExecT() {
    try (ComposeProject p = ComposeProject.create(CI_PROJECT)) {
      p.berth("up", "-d", "--wait", "db").orFail();
      String fixture = "insert 1;\ninsert 2;\nä€😀 last line without newline";

      ComposeRun load =
          p.berthWithInput(
              fixture, "exec", "-T", "db", "sh", "-c", "cat > /tmp/fixture; wc -l < /tmp/fixture");

      assertThat(load.exitCode()).as(load.err()).isZero();
      assertThat(load.out().strip()).isEqualTo("2");
      assertThat(p.berth("exec", "-T", "db", "cat", "/tmp/fixture").orFail().out())
          .isEqualTo(fixture);
      ComposeRun noInput =
          p.berthWithInput("ignored", "exec", "-T", "-i=false", "db", "sh", "-c", "cat; echo done");
      assertThat(noInput.orFail().out()).isEqualTo("done\n");
    }
  }
}
