package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a streamed progress answer ({@code POST /images/create}, ...), e.g. {@code
 * {"status":"Downloading","id":"a1b2","progress":"[=> ]"}} or {@code {"error":"..."}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressTemplate(
    @JsonProperty("status") String status,
    @JsonProperty("id") String id,
    @JsonProperty("progress") String progress,
    @JsonProperty("error") String error,
    @JsonProperty("errorDetail") ErrorDetail errorDetail) {

  /** {@code {"message": ".."}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ErrorDetail(@JsonProperty("message") String message) {}
}
