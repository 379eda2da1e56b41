package dev.berth.orchestrator.cli;

/** Human ages as the docker CLI prints them: {@code 3 seconds ago}, {@code 2 minutes ago}. */
final class Ages {
  private Ages() {}

  static String ago(long seconds) {
    if (seconds < 1) {
      return "Less than a second ago";
    }
    if (seconds < 60) {
      return seconds + (seconds == 1 ? " second ago" : " seconds ago");
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes == 1 ? "About a minute ago" : minutes + " minutes ago";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return hours == 1 ? "About an hour ago" : hours + " hours ago";
    }
    return hours / 24 + " days ago";
  }
}
