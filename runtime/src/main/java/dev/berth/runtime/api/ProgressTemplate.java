package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a pull or load stream (Docker's {@code jsonmessage.JSONMessage}), e.g. {@code
 * {"status":"Downloading","progressDetail":{"current":512,"total":1024},"progress":"[=> ]",
 * "id":"4f1a2b3c4d5e"}}, {@code {"stream":"Loaded image: busybox:latest\n"}} or {@code
 * {"errorDetail":{"message":"..."},"error":"..."}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressTemplate(
    @JsonProperty("status") String status,
    @JsonProperty("progressDetail") Detail progressDetail,
    @JsonProperty("progress") String progress,
    @JsonProperty("id") String id,
    @JsonProperty("stream") String stream,
    @JsonProperty("errorDetail") ErrorDetail errorDetail,
    @JsonProperty("error") String error) {

  /** Bytes done of a total; an empty object when neither is known. */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  public record Detail(@JsonProperty("current") long current, @JsonProperty("total") long total) {}

  /** The message of a failure. */
  public record ErrorDetail(@JsonProperty("message") String message) {}

  /** {@code {"status":status,"id":id}}, without detail. */
  public static ProgressTemplate status(String status, String id) {
    return new ProgressTemplate(status, null, null, id, null, null, null);
  }

  /** A layer's status with an empty {@code progressDetail}, as dockerd writes it. */
  public static ProgressTemplate layer(String status, String id) {
    return new ProgressTemplate(status, new Detail(0, 0), null, id, null, null, null);
  }

  /** {@code {"stream":text}}. */
  public static ProgressTemplate stream(String text) {
    return new ProgressTemplate(null, null, null, null, text, null, null);
  }

  /** A failure after the stream started. */
  public static ProgressTemplate error(String message) {
    return new ProgressTemplate(null, null, null, null, null, new ErrorDetail(message), message);
  }
}
