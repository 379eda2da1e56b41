package dev.berth.runtime.server.hijack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Docker's 8-byte stream frames. */
class StdStreamsTest {
  @Test
  void stdoutAndStderr_areFramedWithTypeAndBigEndianSize() throws Exception {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    StdStreams streams = new StdStreams(raw);

    streams.stdout().write("hi\n".getBytes(StandardCharsets.US_ASCII));
    streams.stderr().write("e".getBytes(StandardCharsets.US_ASCII));
    streams.stdout().write(new byte[0]);

    assertThat(raw.toByteArray())
        .containsExactly(1, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n', 2, 0, 0, 0, 0, 0, 0, 1, 'e');
  }
}
