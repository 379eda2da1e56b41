package dev.berth.runtime.network.netlink;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/**
 * libnftables in-process: one context, commands run as one atomic nft transaction each, output and
 * errors captured instead of printed. Not thread-safe by itself, so every call is synchronized.
 */
public final class Nftables implements AutoCloseable {
  private final Lib lib;
  private final Pointer context;
  private boolean closed;

  private Nftables(Lib lib, Pointer context) {
    this.lib = lib;
    this.context = context;
  }

  /** Loads {@code libnftables.so.1} (Debian's {@code libnftables1}) and makes a context. */
  public static Nftables open() throws EngineException {
    Lib lib;
    try {
      lib = Native.load("libnftables.so.1", Lib.class);
    } catch (UnsatisfiedLinkError e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE,
          "load libnftables.so.1 (Debian package libnftables1): " + e.getMessage(),
          e);
    }
    Pointer context = lib.nft_ctx_new(0);
    if (context == null) {
      throw new EngineException(ErrorKind.INTERNAL, "nft_ctx_new failed");
    }
    lib.nft_ctx_buffer_output(context);
    lib.nft_ctx_buffer_error(context);
    return new Nftables(lib, context);
  }

  /**
   * Runs {@code commands} (nft syntax, one transaction) and returns what nft printed; fails with
   * nft's own error text, prefixed by {@code action}.
   */
  public synchronized String run(String action, String commands) throws EngineException {
    if (closed) {
      throw new IllegalStateException("libnftables context is closed");
    }
    int result = lib.nft_run_cmd_from_buffer(context, commands);
    String output = lib.nft_ctx_get_output_buffer(context);
    String errors = lib.nft_ctx_get_error_buffer(context);
    if (result != 0) {
      throw new EngineException(
          ErrorKind.INTERNAL, action + ": nft failed: " + (errors == null ? "" : errors.strip()));
    }
    return output == null ? "" : output;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    lib.nft_ctx_free(context);
  }

  /** The libnftables calls berth uses. */
  interface Lib extends Library {
    Pointer nft_ctx_new(int flags);

    void nft_ctx_free(Pointer context);

    int nft_ctx_buffer_output(Pointer context);

    int nft_ctx_buffer_error(Pointer context);

    String nft_ctx_get_output_buffer(Pointer context);

    String nft_ctx_get_error_buffer(Pointer context);

    int nft_run_cmd_from_buffer(Pointer context, String buffer);
  }
}
