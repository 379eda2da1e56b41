package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to {@code GET /containers/{id}/top}: {@code ps}'s column titles and one row per
 * process of the container, e.g. {@code {"Titles":["PID","CMD"],"Processes":[["4711","sh"]]}}.
 */
public record ContainerTopTemplate(
    @JsonProperty("Titles") List<String> titles,
    @JsonProperty("Processes") List<List<String>> processes) {
  public ContainerTopTemplate {
    titles = List.copyOf(titles);
    processes = processes.stream().map(List::copyOf).toList();
  }
}
