package dev.berth.runtime.container;

import java.util.List;

/**
 * A container as the engine persists it ({@code container.json}, written atomically after every
 * change), enough to re-adopt it after the engine restarts. Times are ISO-8601 strings or empty.
 */
public record ContainerRecord(
    String id,
    String name,
    String runtimeId,
    String runtime,
    ContainerStatus status,
    int pid,
    int exitCode,
    boolean oomKilled,
    String createdAt,
    String startedAt,
    String finishedAt,
    int restartCount,
    boolean manuallyStopped,
    long restartDelayMs,
    String stopSignal,
    long stopGraceMs,
    String restartPolicy,
    PersistedHealthcheck healthcheck,
    List<String> anonymousVolumes,
    long logMaxSize,
    int logMaxFiles,
    List<String> imageLayers,
    boolean stdinOpen,
    boolean stdinOnce) {

  public ContainerRecord {
    anonymousVolumes = anonymousVolumes == null ? List.of() : List.copyOf(anonymousVolumes);
    imageLayers = imageLayers == null ? List.of() : List.copyOf(imageLayers);
  }

  /** The image's layer directories, lowest first. */
  List<java.nio.file.Path> layerPaths() {
    return imageLayers.stream().map(java.nio.file.Path::of).toList();
  }

  ContainerRecord running(int newPid, String at) {
    return new ContainerRecord(
        id,
        name,
        runtimeId,
        runtime,
        ContainerStatus.RUNNING,
        newPid,
        0,
        false,
        createdAt,
        at,
        "",
        restartCount,
        false,
        restartDelayMs,
        stopSignal,
        stopGraceMs,
        restartPolicy,
        healthcheck,
        anonymousVolumes,
        logMaxSize,
        logMaxFiles,
        imageLayers,
        stdinOpen,
        stdinOnce);
  }

  ContainerRecord exited(int code, boolean oom, String at) {
    return new ContainerRecord(
        id,
        name,
        runtimeId,
        runtime,
        ContainerStatus.EXITED,
        0,
        code,
        oom,
        createdAt,
        startedAt,
        at,
        restartCount,
        manuallyStopped,
        restartDelayMs,
        stopSignal,
        stopGraceMs,
        restartPolicy,
        healthcheck,
        anonymousVolumes,
        logMaxSize,
        logMaxFiles,
        imageLayers,
        stdinOpen,
        stdinOnce);
  }

  ContainerRecord withStatus(ContainerStatus newStatus) {
    return new ContainerRecord(
        id,
        name,
        runtimeId,
        runtime,
        newStatus,
        pid,
        exitCode,
        oomKilled,
        createdAt,
        startedAt,
        finishedAt,
        restartCount,
        manuallyStopped,
        restartDelayMs,
        stopSignal,
        stopGraceMs,
        restartPolicy,
        healthcheck,
        anonymousVolumes,
        logMaxSize,
        logMaxFiles,
        imageLayers,
        stdinOpen,
        stdinOnce);
  }

  ContainerRecord manuallyStopped(boolean stopped) {
    return new ContainerRecord(
        id,
        name,
        runtimeId,
        runtime,
        status,
        pid,
        exitCode,
        oomKilled,
        createdAt,
        startedAt,
        finishedAt,
        restartCount,
        stopped,
        restartDelayMs,
        stopSignal,
        stopGraceMs,
        restartPolicy,
        healthcheck,
        anonymousVolumes,
        logMaxSize,
        logMaxFiles,
        imageLayers,
        stdinOpen,
        stdinOnce);
  }

  ContainerRecord restarting(long delayMs) {
    return new ContainerRecord(
        id,
        name,
        runtimeId,
        runtime,
        ContainerStatus.RESTARTING,
        0,
        exitCode,
        oomKilled,
        createdAt,
        startedAt,
        finishedAt,
        restartCount + 1,
        false,
        delayMs,
        stopSignal,
        stopGraceMs,
        restartPolicy,
        healthcheck,
        anonymousVolumes,
        logMaxSize,
        logMaxFiles,
        imageLayers,
        stdinOpen,
        stdinOnce);
  }
}
