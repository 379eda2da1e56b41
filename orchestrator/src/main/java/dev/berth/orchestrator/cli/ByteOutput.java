package dev.berth.orchestrator.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Byte-for-byte output for what a container writes ({@code exec}): the process's own stdout or
 * stderr when berth runs as a command, so binary output ({@code exec db pg_dump -Fc > dump}) is not
 * decoded; otherwise (berth run in-process by tests) UTF-8 text written to the writer, whole
 * characters only.
 */
final class ByteOutput {
  private ByteOutput() {}

  /** A writer on a process stream whose bytes {@link #of} hands out. */
  static final class Console extends PrintWriter {
    private final OutputStream raw;

    Console(OutputStream raw) {
      super(raw, true, StandardCharsets.UTF_8);
      this.raw = raw;
    }
  }

  /** The bytes behind {@code writer}. */
  static OutputStream of(PrintWriter writer) {
    writer.flush();
    if (writer instanceof Console console) {
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          console.raw.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          console.raw.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
          console.raw.flush();
        }
      };
    }
    return new OutputStream() {
      private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public synchronized void write(byte[] b, int off, int len) {
        partial.write(b, off, len);
        byte[] all = partial.toByteArray();
        int complete = completeLength(all);
        writer.print(new String(all, 0, complete, StandardCharsets.UTF_8));
        partial.reset();
        partial.write(all, complete, all.length - complete);
      }

      @Override
      public void flush() {
        writer.flush();
      }
    };
  }

  /** How many leading bytes of {@code bytes} end on a whole UTF-8 character. */
  private static int completeLength(byte[] bytes) {
    int end = bytes.length;
    for (int back = 1; back <= Math.min(3, bytes.length); back++) {
      int b = bytes[end - back] & 0xff;
      if ((b & 0xc0) == 0x80) {
        continue; // a continuation byte: look further back for the lead
      }
      int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return needed > back ? end - back : end;
    }
    return end;
  }
}
