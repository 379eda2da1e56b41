package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A container path's stat as the {@code X-Docker-Container-Path-Stat} header carries it (base64 of
 * this JSON): {@code {"name":"etc","size":4096,"mode":2147484141,"mtime":"..","linkTarget":""}};
 * {@code mode} is Go's {@code os.FileMode}.
 */
public record PathStatTemplate(
    @JsonProperty("name") String name,
    @JsonProperty("size") long size,
    @JsonProperty("mode") long mode,
    @JsonProperty("mtime") String mtime,
    @JsonProperty("linkTarget") String linkTarget) {}
