package dev.berth.runtime.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads and writes {@link RuntimeSpec} as the JSON of {@code config.json}. */
public final class SpecJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SpecJson() {}

  /** The spec as {@code config.json} bytes. */
  public static byte[] write(RuntimeSpec spec) {
    try {
      return MAPPER.writeValueAsBytes(spec);
    } catch (IOException e) {
      throw new UncheckedIOException("writing config.json", e);
    }
  }

  /** The spec read back from {@code config.json} bytes. */
  public static RuntimeSpec read(byte[] json) throws IOException {
    return MAPPER.readValue(json, RuntimeSpec.class);
  }

  /** Any value as JSON bytes, e.g. a process spec for {@code exec --process}. */
  static byte[] writeValue(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON", e);
    }
  }
}
