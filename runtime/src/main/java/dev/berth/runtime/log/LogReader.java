package dev.berth.runtime.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Reads a container's k8s-file logs across rotations, joining partial lines. */
public final class LogReader {
  private final LogFiles files;

  public LogReader(LogFiles files) {
    this.files = files;
  }

  /** The entries matching {@code query} (follow is ignored). */
  public List<LogEntry> read(LogQuery query) throws IOException {
    Deque<LogEntry> kept = new ArrayDeque<>();
    Joiner joiner =
        new Joiner(
            entry -> {
              if (query.accepts(entry)) {
                kept.addLast(entry);
                if (query.tail() >= 0 && kept.size() > query.tail()) {
                  kept.removeFirst();
                }
              }
            });
    for (Path file : files.oldestFirst()) {
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          joiner.accept(line);
        }
      }
    }
    return new ArrayList<>(kept);
  }

  /**
   * Sends the matching entries, then keeps sending new ones as they are written until {@code
   * running} turns false and the file has been drained.
   */
  public void follow(LogQuery query, Consumer<LogEntry> sink, BooleanSupplier running)
      throws IOException, InterruptedException {
    List<LogEntry> initial = read(query);
    initial.forEach(sink);
    long offset = Files.exists(files.current()) ? Files.size(files.current()) : 0;
    Joiner joiner =
        new Joiner(
            entry -> {
              if (query.accepts(entry)) {
                sink.accept(entry);
              }
            });
    StringBuilder pending = new StringBuilder();
    while (true) {
      boolean stillRunning = running.getAsBoolean();
      long size = Files.exists(files.current()) ? Files.size(files.current()) : 0;
      if (size < offset) {
        offset = 0; // rotated: the current file is new
      }
      if (size > offset) {
        try (var channel = java.nio.channels.FileChannel.open(files.current())) {
          channel.position(offset);
          java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) (size - offset));
          while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // keep reading
          }
          offset += buffer.position();
          pending.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        }
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
          joiner.accept(pending.substring(0, newline));
          pending.delete(0, newline + 1);
        }
      } else if (!stillRunning) {
        return;
      } else {
        Thread.sleep(50);
      }
    }
  }

  /** Joins {@code P} records with the following records of the same stream. */
  private static final class Joiner {
    private final Consumer<LogEntry> sink;
    private final Map<LogEntry.Stream, StringBuilder> partial =
        new EnumMap<>(LogEntry.Stream.class);

    Joiner(Consumer<LogEntry> sink) {
      this.sink = sink;
    }

    void accept(String line) {
      K8sFileFormat.parse(line)
          .ifPresent(
              record -> {
                StringBuilder pending = partial.get(record.stream());
                if (record.partial()) {
                  partial
                      .computeIfAbsent(record.stream(), s -> new StringBuilder())
                      .append(record.text());
                  return;
                }
                String text = record.text();
                if (pending != null) {
                  text = pending.append(text).toString();
                  partial.remove(record.stream());
                }
                sink.accept(new LogEntry(record.time(), record.stream(), text));
              });
    }
  }
}
