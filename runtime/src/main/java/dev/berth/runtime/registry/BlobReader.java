package dev.berth.runtime.registry;

import dev.berth.runtime.api.EngineException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a blob while it downloads (to unpack a layer without a second pass). The stream fails with
 * an IOException if the download breaks; the blob is verified after the reader returns.
 */
@FunctionalInterface
public interface BlobReader {
  void read(InputStream content) throws IOException, EngineException;
}
