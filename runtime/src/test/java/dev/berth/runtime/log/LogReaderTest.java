package dev.berth.runtime.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {
  @TempDir Path dir;

  private static String line(int second, String stream, String tag, String text) {
    return String.format(
        "2026-01-01T00:00:%02d.000000000+00:00 %s %s %s%n", second, stream, tag, text);
  }

  private LogFiles files() {
    return new LogFiles(dir.resolve("ctr.log"), 3);
  }

  private static List<String> texts(List<LogEntry> entries) {
    return entries.stream().map(LogEntry::text).toList();
  }

  @Test
  void read_joinsPartialRecordsPerStream() throws Exception {
    Files.writeString(
        dir.resolve("ctr.log"),
        line(1, "stdout", "P", "hel")
            + line(1, "stderr", "F", "oops")
            + line(1, "stdout", "P", "lo ")
            + line(2, "stdout", "F", "world"));

    List<LogEntry> entries = new LogReader(files()).read(LogQuery.ALL);

    assertThat(texts(entries)).containsExactly("oops", "hello world");
  }

  @Test
  void read_aLastLineWithoutNewline_isOutputAsItIs() throws Exception {
    Files.writeString(
        dir.resolve("ctr.log"),
        line(1, "stdout", "F", "whole") + line(2, "stdout", "P", "no newline"));

    List<LogEntry> entries = new LogReader(files()).read(LogQuery.ALL);

    assertThat(entries.stream().map(LogEntry::written).toList())
        .containsExactly("whole\n", "no newline");
  }

  @Test
  void followRecords_aPartialLineWrittenBeforeTheFollow_arrivesWithoutNewline() throws Exception {
    Files.writeString(dir.resolve("ctr.log"), line(1, "stdout", "P", "prompt> "));
    List<K8sFileFormat.Record> records = new ArrayList<>();

    new LogReader(files()).followRecords(LogQuery.ALL, records::add, () -> false);

    assertThat(records).hasSize(1);
    assertThat(records.get(0).partial()).isTrue();
    assertThat(records.get(0).text()).isEqualTo("prompt> ");
  }

  @Test
  void read_spansRotatedFilesOldestFirst() throws Exception {
    Files.writeString(dir.resolve("ctr.log.2"), line(1, "stdout", "F", "a"));
    Files.writeString(dir.resolve("ctr.log.1"), line(2, "stdout", "F", "b"));
    Files.writeString(dir.resolve("ctr.log"), line(3, "stdout", "F", "c"));

    assertThat(texts(new LogReader(files()).read(LogQuery.ALL))).containsExactly("a", "b", "c");
  }

  @Test
  void read_tailSinceAndUntil_selectLines() throws Exception {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      log.append(line(i, "stdout", "F", "l" + i));
    }
    Files.writeString(dir.resolve("ctr.log"), log);
    LogReader reader = new LogReader(files());

    assertThat(texts(reader.read(new LogQuery(2, null, null, false)))).containsExactly("l8", "l9");
    assertThat(
            texts(
                reader.read(
                    new LogQuery(
                        -1,
                        Instant.parse("2026-01-01T00:00:03Z"),
                        Instant.parse("2026-01-01T00:00:05Z"),
                        false))))
        .containsExactly("l3", "l4");
    assertThat(reader.read(new LogQuery(0, null, null, false))).isEmpty();
  }

  @Test
  void follow_deliversNewLinesUntilNotRunningAndDrained() throws Exception {
    Path log = dir.resolve("ctr.log");
    Files.writeString(log, line(1, "stdout", "F", "old"));
    AtomicBoolean running = new AtomicBoolean(true);
    List<String> seen = new ArrayList<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
                Files.writeString(
                    log, line(2, "stdout", "F", "new"), java.nio.file.StandardOpenOption.APPEND);
                Thread.sleep(100);
                running.set(false);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    writer.start();

    new LogReader(files()).follow(LogQuery.ALL, e -> seen.add(e.text()), running::get);
    writer.join();

    assertThat(seen).containsExactly("old", "new");
  }

  @Test
  void rotator_whenConmonIsGone_doesNotBlockOnItsControlFifo() throws Exception {
    Path fifo = dir.resolve("ctl");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Files.writeString(dir.resolve("ctr.log"), line(1, "stdout", "F", "a line over the limit"));
    LogRotator rotator = new LogRotator(files(), 10, fifo);

    // nobody reads the FIFO: a write-only open would wait for a reader forever
    boolean rotated =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(10), rotator::rotateIfNeeded);

    assertThat(rotated).isTrue();
  }

  @Test
  void rotator_movesFilesAsideAndKeepsAtMostMaxFiles() throws Exception {
    Path log = dir.resolve("ctr.log");
    LogRotator rotator = new LogRotator(files(), 10, dir.resolve("absent-ctl"));
    for (String text : List.of("one", "two", "three")) {
      Files.writeString(log, line(1, "stdout", "F", text));
      assertThat(rotator.rotateIfNeeded()).isTrue();
    }

    assertThat(dir.resolve("ctr.log")).doesNotExist();
    assertThat(texts(new LogReader(files()).read(LogQuery.ALL))).containsExactly("two", "three");
  }

  @Test
  void rotator_smallFile_staysPut() throws Exception {
    Files.writeString(dir.resolve("ctr.log"), "x");

    assertThat(new LogRotator(files(), 1000, dir.resolve("ctl")).rotateIfNeeded()).isFalse();
  }

  @Test
  void follow_acrossARotation_missesAndRepeatsNothing() throws Exception {
    Path log = dir.resolve("ctr.log");
    Files.writeString(log, line(1, "stdout", "F", "a"));
    AtomicBoolean running = new AtomicBoolean(true);
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
                Files.writeString(
                    log, line(2, "stdout", "F", "b"), java.nio.file.StandardOpenOption.APPEND);
                Files.move(log, dir.resolve("ctr.log.1")); // rotated ...
                Files.writeString(
                    dir.resolve("ctr.log.1"),
                    line(3, "stdout", "F", "c"),
                    java.nio.file.StandardOpenOption.APPEND); // ... written before the reopen
                Thread.sleep(100);
                Files.writeString(log, line(4, "stdout", "F", "d")); // the reopened file
                Files.writeString(
                    log, line(5, "stdout", "F", "e"), java.nio.file.StandardOpenOption.APPEND);
                Thread.sleep(150);
                running.set(false);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    writer.start();

    new LogReader(files()).follow(LogQuery.ALL, e -> seen.add(e.text()), running::get);
    writer.join();

    assertThat(seen).containsExactly("a", "b", "c", "d", "e");
  }
}
