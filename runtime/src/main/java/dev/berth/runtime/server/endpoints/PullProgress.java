package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.ProgressTemplate;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.store.PullListener;
import dev.berth.runtime.server.http.LineStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A pull's progress as dockerd streams it: {@code Pulling from}, per layer {@code Pulling fs
 * layer}, {@code Downloading} with bytes, {@code Download complete}, {@code Pull complete}. The
 * stream opens at the first line, so a pull that fails before (unknown image, registry down) is
 * answered with an HTTP error status, as dockerd does.
 */
final class PullProgress implements PullListener {
  private static final long STEP = 512 * 1024;

  private final Supplier<LineStream> opener;
  private final ImageReference reference;
  private final Map<Digest, Long> reported = new ConcurrentHashMap<>();
  private LineStream lines;
  private volatile boolean downloaded;

  PullProgress(Supplier<LineStream> opener, ImageReference reference) {
    this.opener = opener;
    this.reference = reference;
  }

  @Override
  public void status(Digest layer, String status) {
    String id = layer.shortHex();
    switch (status) {
      case "Waiting" -> send(ProgressTemplate.layer("Pulling fs layer", id));
      case "Downloading" -> downloaded = true;
      case "Pull complete" -> {
        send(ProgressTemplate.layer("Download complete", id));
        send(ProgressTemplate.layer("Pull complete", id));
      }
      default -> send(ProgressTemplate.layer(status, id));
    }
  }

  @Override
  public void progress(Digest layer, long done, long total) {
    long last = reported.getOrDefault(layer, -STEP);
    if (done - last < STEP && done != total) {
      return;
    }
    reported.put(layer, done);
    send(
        new ProgressTemplate(
            "Downloading",
            new ProgressTemplate.Detail(done, total),
            HumanSize.bar(done, total),
            layer.shortHex(),
            null,
            null,
            null));
  }

  @Override
  public void retrying(Digest blob, int attempt, long backoffMillis, String why) {
    String id = blob == null ? tagOrDigest() : blob.shortHex();
    send(
        ProgressTemplate.status(
            "Retrying in " + Math.max(1, backoffMillis / 1000) + " seconds", id));
  }

  /** Whether the response has started (failures then go into the stream). */
  synchronized boolean started() {
    return lines != null;
  }

  /** Ends a successful pull with its digest and whether anything new came. */
  void finish(Digest repoDigest, boolean sameImageBefore) {
    send(ProgressTemplate.status("Digest: " + repoDigest, null));
    boolean upToDate = sameImageBefore && !downloaded;
    send(
        ProgressTemplate.status(
            (upToDate ? "Status: Image is up to date for " : "Status: Downloaded newer image for ")
                + reference.familiar(),
            null));
    end();
  }

  /** Ends a pull that failed after the stream started: dockerd's error line. */
  void fail(String message) {
    send(ProgressTemplate.error(message));
    end();
  }

  private synchronized void end() {
    lines.finish();
  }

  private synchronized void send(ProgressTemplate line) {
    if (lines == null) {
      lines = opener.get();
      lines.send(ProgressTemplate.status("Pulling from " + reference.repository(), tagOrDigest()));
    }
    lines.send(line);
  }

  /** The id of the first line: the tag, or for a pull by digest the whole reference (dockerd). */
  private String tagOrDigest() {
    return reference.digest() == null ? reference.tag() : reference.familiar();
  }
}
