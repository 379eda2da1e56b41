package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /containers/{id}/wait}: {@code {"StatusCode": 0}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerWaitTemplate(
    @JsonProperty("StatusCode") long statusCode, @JsonProperty("Error") WaitError error) {

  /** Why waiting failed, if it did. */
  public record WaitError(@JsonProperty("Message") String message) {}
}
