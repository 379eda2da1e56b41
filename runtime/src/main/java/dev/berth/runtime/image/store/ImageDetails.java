package dev.berth.runtime.image.store;

import dev.berth.runtime.image.ImageConfig;
import dev.berth.runtime.image.Manifest;
import java.nio.file.Path;
import java.util.List;

/**
 * One image as {@code docker image inspect} and the container layer need it: its record, manifest,
 * config (Env, Cmd, Entrypoint, WorkingDir, User, ExposedPorts, Volumes, Healthcheck...) and the
 * overlay lower dirs, bottom layer first.
 */
public record ImageDetails(
    ImageRecord record, Manifest manifest, ImageConfig config, List<Path> layerDirs) {
  public ImageDetails {
    layerDirs = List.copyOf(layerDirs);
  }
}
