package dev.berth.runtime.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Reads a container's k8s-file logs across rotations, joining partial lines. */
public final class LogReader {
  private final LogFiles files;

  public LogReader(LogFiles files) {
    this.files = files;
  }

  /**
   * The entries matching {@code query} (follow is ignored), from one consistent snapshot of the
   * files even while they are being rotated.
   */
  public List<LogEntry> read(LogQuery query) throws IOException {
    List<Followed> snapshot = snapshot();
    try {
      return initial(query, snapshot);
    } finally {
      for (Followed f : snapshot) {
        f.close();
      }
    }
  }

  /**
   * Sends the matching entries, then every new one as it is written, until {@code running} turns
   * false and the file is drained. Files are followed by identity, not name: when the followed file
   * is rotated away it is read to its end, then its successor (which may itself have been rotated
   * meanwhile), so no line is skipped or repeated.
   */
  public void follow(LogQuery query, Consumer<LogEntry> sink, BooleanSupplier running)
      throws IOException, InterruptedException {
    Joiner joiner =
        new Joiner(
            entry -> {
              if (query.accepts(entry)) {
                sink.accept(entry);
              }
            });
    try {
      follow(query, sink, joiner::accept, running);
    } finally {
      joiner.flush();
    }
  }

  /**
   * Like {@link #follow(LogQuery, Consumer, BooleanSupplier)}, but new output arrives as conmon
   * wrote it, partial lines included, so a prompt without a newline shows at once (attach). Entries
   * written before the call arrive whole.
   */
  public void followRecords(
      LogQuery query, Consumer<K8sFileFormat.Record> sink, BooleanSupplier running)
      throws IOException, InterruptedException {
    follow(
        query,
        entry ->
            sink.accept(
                new K8sFileFormat.Record(
                    entry.time(), entry.stream(), entry.partial(), entry.text())),
        line ->
            K8sFileFormat.parse(line)
                .filter(r -> query.accepts(new LogEntry(r.time(), r.stream(), r.text())))
                .ifPresent(sink),
        running);
  }

  private void follow(
      LogQuery query,
      Consumer<LogEntry> initialSink,
      Consumer<String> lines,
      BooleanSupplier running)
      throws IOException, InterruptedException {
    List<Followed> snapshot = snapshot();
    Followed followed = snapshot.isEmpty() ? null : snapshot.get(snapshot.size() - 1);
    initial(query, snapshot).forEach(initialSink);
    for (int i = 0; i < snapshot.size() - 1; i++) {
      snapshot.get(i).close();
    }
    StringBuilder pending = new StringBuilder();
    try {
      while (true) {
        boolean stillRunning = running.getAsBoolean();
        if (followed != null && followed.readNew(pending)) {
          int newline;
          while ((newline = pending.indexOf("\n")) >= 0) {
            lines.accept(pending.substring(0, newline));
            pending.delete(0, newline + 1);
          }
          continue;
        }
        Followed next = successor(followed);
        if (next != null) {
          if (followed != null) {
            followed.close();
          }
          followed = next;
          continue;
        }
        if (!stillRunning) {
          return;
        }
        Thread.sleep(50);
      }
    } finally {
      if (followed != null) {
        followed.close();
      }
    }
  }

  /** Every file, oldest first, opened at its current size; retried until no rename interfered. */
  private List<Followed> snapshot() throws IOException {
    while (true) {
      List<Path> paths = files.oldestFirst();
      List<Followed> opened = new ArrayList<>();
      for (Path path : paths) {
        Followed f = Followed.open(path);
        if (f != null) {
          opened.add(f);
        }
      }
      List<Object> keys = new ArrayList<>();
      for (Path path : files.oldestFirst()) {
        keys.add(Followed.key(path));
      }
      if (keys.equals(opened.stream().map(f -> f.key).toList())) {
        return opened;
      }
      for (Followed f : opened) {
        f.close();
      }
    }
  }

  private static List<LogEntry> initial(LogQuery query, List<Followed> snapshot)
      throws IOException {
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
    for (Followed f : snapshot) {
      StringBuilder text = new StringBuilder();
      long end = f.offset;
      f.offset = 0;
      while (f.offset < end && f.readNew(text, end)) {
        // read up to the size seen at open
      }
      for (String line : text.toString().split("\n", -1)) {
        if (!line.isEmpty()) {
          joiner.accept(line);
        }
      }
    }
    joiner.flush(); // a last line without newline is output too (a following line goes on it)
    return new ArrayList<>(kept);
  }

  /**
   * The file written after {@code followed}, once there is one: the next newer name in the rotation
   * order, or the oldest file left when {@code followed} was rotated out entirely.
   */
  private Followed successor(Followed followed) throws IOException {
    List<Path> oldestFirst = files.oldestFirst();
    if (followed == null) {
      return oldestFirst.isEmpty() ? null : Followed.open(oldestFirst.get(0), 0);
    }
    List<Object> keys = new ArrayList<>();
    for (Path path : oldestFirst) {
      keys.add(Followed.key(path));
    }
    int index = keys.indexOf(followed.key);
    Path next;
    if (index < 0) {
      next = oldestFirst.isEmpty() ? null : oldestFirst.get(0); // deleted past max-file
    } else if (index + 1 < oldestFirst.size()) {
      next = oldestFirst.get(index + 1);
    } else {
      return null; // still the newest
    }
    if (next == null) {
      return null;
    }
    Followed opened = Followed.open(next, 0);
    if (opened != null && opened.key.equals(followed.key)) {
      opened.close();
      return null;
    }
    return opened;
  }

  /** The file being followed: an open channel (it survives renames), its identity and offset. */
  private static final class Followed {
    final FileChannel channel;
    final Object key;
    long offset;

    private Followed(FileChannel channel, Object key, long offset) {
      this.channel = channel;
      this.key = key;
      this.offset = offset;
    }

    static Followed open(Path file) throws IOException {
      return open(file, -1);
    }

    /**
     * Opens {@code file} at {@code offset}, or at its end when negative; null if it is gone. The
     * name must point to the same file before and after opening, so the key is what was opened.
     */
    static Followed open(Path file, long offset) throws IOException {
      for (int attempt = 0; attempt < 100; attempt++) {
        Object before = key(file);
        if (before == null) {
          return null;
        }
        FileChannel channel;
        try {
          channel = FileChannel.open(file);
        } catch (NoSuchFileException e) {
          return null;
        }
        if (before.equals(key(file))) {
          return new Followed(channel, before, offset < 0 ? channel.size() : offset);
        }
        channel.close(); // renamed while opening: try again
      }
      throw new IOException("log file " + file + " keeps being replaced");
    }

    static Object key(Path file) throws IOException {
      try {
        return Objects.requireNonNull(
            Files.readAttributes(file, BasicFileAttributes.class).fileKey());
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    /** Appends the complete lines written since the last call; false when there were none. */
    boolean readNew(StringBuilder pending) throws IOException {
      return readNew(pending, Long.MAX_VALUE);
    }

    /** Like {@link #readNew(StringBuilder)} but not past {@code end}. */
    boolean readNew(StringBuilder pending, long end) throws IOException {
      long size = Math.min(channel.size(), end);
      if (size <= offset) {
        return false;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - offset, 1 << 20));
      int read = channel.read(buffer, offset);
      int complete = read;
      while (complete > 0 && buffer.get(complete - 1) != '\n') {
        complete--; // decode whole lines only, so no UTF-8 sequence is ever split
      }
      if (complete <= 0) {
        return false;
      }
      offset += complete;
      pending.append(new String(buffer.array(), 0, complete, StandardCharsets.UTF_8));
      return true;
    }

    void close() throws IOException {
      channel.close();
    }
  }

  /** Joins {@code P} records with the following records of the same stream. */
  private static final class Joiner {
    private final Consumer<LogEntry> sink;
    private final Map<LogEntry.Stream, StringBuilder> partial =
        new EnumMap<>(LogEntry.Stream.class);
    private final Map<LogEntry.Stream, java.time.Instant> partialSince =
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
                  partialSince.putIfAbsent(record.stream(), record.time());
                  partial
                      .computeIfAbsent(record.stream(), s -> new StringBuilder())
                      .append(record.text());
                  return;
                }
                String text = record.text();
                if (pending != null) {
                  text = pending.append(text).toString();
                  partial.remove(record.stream());
                  partialSince.remove(record.stream());
                }
                sink.accept(new LogEntry(record.time(), record.stream(), text));
              });
    }

    /** Hands on what no newline has ended yet, as partial entries (the output's last pieces). */
    void flush() {
      for (Map.Entry<LogEntry.Stream, StringBuilder> e : partial.entrySet()) {
        sink.accept(
            new LogEntry(partialSince.get(e.getKey()), e.getKey(), e.getValue().toString(), true));
      }
      partial.clear();
      partialSince.clear();
    }
  }
}
