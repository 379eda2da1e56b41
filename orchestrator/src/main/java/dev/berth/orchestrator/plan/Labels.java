package dev.berth.orchestrator.plan;

import java.util.List;

/** The {@code com.docker.compose.*} labels and names Docker Compose v2 gives engine objects. */
public final class Labels {
  public static final String PROJECT = "com.docker.compose.project";
  public static final String SERVICE = "com.docker.compose.service";
  public static final String NUMBER = "com.docker.compose.container-number";
  public static final String ONEOFF = "com.docker.compose.oneoff";
  public static final String CONFIG_HASH = "com.docker.compose.config-hash";
  public static final String WORKING_DIR = "com.docker.compose.project.working_dir";
  public static final String CONFIG_FILES = "com.docker.compose.project.config_files";
  public static final String DEPENDS_ON = "com.docker.compose.depends_on";
  public static final String IMAGE = "com.docker.compose.image";
  public static final String VERSION = "com.docker.compose.version";
  public static final String NETWORK = "com.docker.compose.network";
  public static final String VOLUME = "com.docker.compose.volume";

  private Labels() {}

  /** The label filter selecting everything of {@code project}. */
  public static List<String> ofProject(String project) {
    return List.of(PROJECT + "=" + project);
  }

  /** The label filter selecting {@code project}'s non-one-off containers of {@code service}. */
  public static List<String> ofService(String project, String service) {
    return List.of(PROJECT + "=" + project, SERVICE + "=" + service, ONEOFF + "=False");
  }

  /** {@code <project>-<service>-<n>}. */
  public static String containerName(String project, String service, int number) {
    return project + "-" + service + "-" + number;
  }
}
