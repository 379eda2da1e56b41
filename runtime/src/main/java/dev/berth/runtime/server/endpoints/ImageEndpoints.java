package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.ImageDeleteTemplate;
import dev.berth.runtime.api.ImagePruneTemplate;
import dev.berth.runtime.api.ImageSummaryTemplate;
import dev.berth.runtime.api.ProgressTemplate;
import dev.berth.runtime.api.Timestamps;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageConfig;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.InvalidImageDataException;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.image.store.ImageLoader;
import dev.berth.runtime.image.store.ImageRecord;
import dev.berth.runtime.image.store.ImageSaver;
import dev.berth.runtime.image.store.ImageStore;
import dev.berth.runtime.image.store.PulledImage;
import dev.berth.runtime.server.engine.ContainerLinks;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.LineStream;
import dev.berth.runtime.server.http.Routes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code /images}: pull ({@code create}, streaming dockerd's progress lines), list with dockerd's
 * filters, inspect, tag, remove (refused while a container uses the image), load, save ({@code
 * get}) and prune, over the {@link ImageStore}. Names resolve as in Docker: {@code busybox} is
 * {@code docker.io/library/busybox:latest}, IDs and ID prefixes work.
 */
public final class ImageEndpoints implements Endpoints {
  private static final String JSON = "application/json";
  private static final int MAX_QUEUED_LINES = 100_000;

  private final ImageStore store;
  private final ImagePullers pullers;
  private final ImageLoader loader;
  private final ImageSaver saver;
  private final ContainerLinks links;
  private final Events events;
  private final Clock clock;
  private final ImageViews views;

  public ImageEndpoints(
      ImageStore store,
      ImagePullers pullers,
      ImageLoader loader,
      ImageSaver saver,
      ContainerLinks links,
      EventBus events,
      Clock clock) {
    this.store = store;
    this.pullers = pullers;
    this.loader = loader;
    this.saver = saver;
    this.links = links;
    this.events = new Events(events, clock);
    this.clock = clock;
    this.views = new ImageViews(store);
  }

  @Override
  public void register(Routes routes) {
    routes.post("/images/create", this::pull);
    routes.post("/images/load", this::load);
    routes.post("/images/prune", this::prune);
    routes.get("/images/json", this::list);
    routes.get("/images/get", this::saveMany);
    routes.get("/images/{name*}/json", this::inspect);
    routes.get("/images/{name*}/get", this::saveOne);
    routes.post("/images/{name*}/tag", this::tag);
    routes.delete("/images/{name*}", this::remove);
  }

  // --- pull

  private void pull(ApiRequest request, ApiResponse response) throws EngineException {
    if (request.query("fromSrc").filter(s -> !s.isEmpty()).isPresent()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "image import (fromSrc) is not supported by berthd");
    }
    ImageReference reference =
        pullReference(request.query("fromImage").orElse(""), request.query("tag").orElse(""));
    Platform platform = platform(request.query("platform").orElse(""));
    Optional<Digest> before = store.find(reference.toString()).map(ImageRecord::id);
    PullProgress progress =
        new PullProgress(() -> response.lines(200, JSON, MAX_QUEUED_LINES), reference);
    PulledImage pulled;
    try {
      pulled =
          pullers
              .puller(RegistryAuth.parse(request.header("X-Registry-Auth")))
              .pull(reference, platform, progress);
    } catch (EngineException e) {
      if (!progress.started()) {
        throw e;
      }
      progress.fail(e.getMessage());
      return;
    }
    progress.finish(pulled.repoDigest(), before.isPresent() && before.get().equals(pulled.id()));
    events.publish("image", "pull", reference.familiar(), Map.of("name", reference.familiar()));
  }

  /**
   * {@code fromImage=busybox&tag=1.36} or a digest as the tag; no tag means all tags in dockerd.
   */
  static ImageReference pullReference(String fromImage, String tag) throws EngineException {
    if (fromImage.isEmpty()) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "fromImage is required to pull");
    }
    String last = fromImage.substring(fromImage.lastIndexOf('/') + 1);
    String text = fromImage;
    if (!tag.isEmpty()) {
      text = fromImage + (tag.contains(":") ? "@" : ":") + tag;
    } else if (!last.contains(":") && !last.contains("@")) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "pulling every tag of " + fromImage + " (no tag given) is not supported by berthd");
    }
    return reference(text);
  }

  private static Platform platform(String text) throws EngineException {
    if (text.isEmpty()) {
      return Platform.host();
    }
    try {
      return Platform.parse(text);
    } catch (InvalidImageDataException e) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, e.getMessage(), e);
    }
  }

  private static ImageReference reference(String text) throws EngineException {
    try {
      return ImageReference.parse(text);
    } catch (InvalidImageDataException e) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, e.getMessage(), e);
    }
  }

  // --- list, inspect

  private void list(ApiRequest request, ApiResponse response) throws EngineException {
    ListFilters filters =
        ListFilters.of(
            request,
            Set.of("reference", "label", "label!", "dangling", "before", "since", "until"));
    Optional<Boolean> dangling = filters.bool("dangling");
    Optional<Instant> before = anchor(filters, "before");
    Optional<Instant> since = anchor(filters, "since");
    Optional<Instant> until =
        filters.has("until")
            ? Optional.of(Timestamps.parse("until", filters.get("until").get(0), clock.instant()))
            : Optional.empty();
    List<ImageSummaryTemplate> listed = new ArrayList<>();
    for (ImageRecord image : store.list()) {
      ImageConfig config = store.config(image);
      Instant created = views.created(image);
      boolean matches =
          filters.any("reference", pattern -> referenceMatches(pattern, image))
              && filters.labels("label", config.labels())
              && filters.notLabels("label!", config.labels())
              && dangling.map(d -> d == image.repoTags().isEmpty()).orElse(true)
              && before.map(created::isBefore).orElse(true)
              && since.map(created::isAfter).orElse(true)
              && until.map(created::isBefore).orElse(true);
      if (matches) {
        listed.add(views.summary(image, config, -1));
      }
    }
    listed.sort(Comparator.comparingLong(ImageSummaryTemplate::created).reversed());
    response.json(200, listed);
  }

  private Optional<Instant> anchor(ListFilters filters, String key) throws EngineException {
    if (!filters.has(key)) {
      return Optional.empty();
    }
    return Optional.of(views.created(image(filters.get(key).get(0))));
  }

  /** dockerd's {@code reference} filter: a glob over the familiar name, with or without tag. */
  private static boolean referenceMatches(String pattern, ImageRecord image) {
    Pattern glob = glob(pattern);
    for (String tag : ImageViews.familiar(image.repoTags())) {
      String name = tag.substring(0, tag.lastIndexOf(':'));
      if (glob.matcher(tag).matches() || glob.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append("[^/]*");
        case '?' -> regex.append("[^/]");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private void inspect(ApiRequest request, ApiResponse response) throws EngineException {
    String name = request.param("name");
    image(name);
    response.json(200, views.inspect(name));
  }

  /** The image named so, or dockerd's 404 {@code No such image: name}. */
  private ImageRecord image(String name) throws EngineException {
    return store
        .find(name)
        .orElseThrow(() -> new EngineException(ErrorKind.NOT_FOUND, "No such image: " + name));
  }

  // --- tag, remove, prune

  private void tag(ApiRequest request, ApiResponse response) throws EngineException {
    String name = request.param("name");
    ImageRecord image = image(name);
    String repo = request.query("repo").orElse("");
    if (repo.isEmpty()) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "repository name (repo) is required");
    }
    String tag = request.query("tag").filter(t -> !t.isEmpty()).orElse("latest");
    ImageReference target = reference(repo + ":" + tag);
    if (target.digest() != null) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "refusing to create a tag with a digest reference");
    }
    store.tag(image.id().toString(), target);
    events.publish("image", "tag", image.id().toString(), Map.of("name", target.familiar()));
    response.empty(201);
  }

  private void remove(ApiRequest request, ApiResponse response) throws EngineException {
    String name = request.param("name");
    boolean force = request.flag("force");
    ImageRecord image = image(name);
    Optional<ImageReference> tag = tagNamed(name, image);
    boolean deletes =
        tag.isPresent() ? image.repoTags().size() <= 1 : image.repoTags().size() <= 1 || force;
    Set<String> users = new TreeSet<>(links.usingImage(image.id().toString()));
    List<ImageDeleteTemplate> answer = new ArrayList<>();
    if (deletes && !users.isEmpty()) {
      if (!force || tag.isEmpty()) {
        throw inUse(name, image, users, tag.isPresent());
      }
      store.untag(tag.get()); // -f keeps an image a container uses, untagged (as dockerd)
      untagged(answer, image, tag.get().toString());
      response.json(200, answer);
      return;
    }
    List<String> tagsBefore = image.repoTags();
    List<Digest> deleted = store.remove(name, force);
    List<String> untagged =
        deleted.isEmpty() ? tag.map(t -> List.of(t.toString())).orElse(List.of()) : tagsBefore;
    for (String full : untagged) {
      untagged(answer, image, full);
    }
    for (Digest id : deleted) {
      for (String digest : image.repoDigests()) {
        answer.add(new ImageDeleteTemplate(ImageViews.familiar(digest), null));
      }
      answer.add(new ImageDeleteTemplate(null, id.toString()));
      events.publish("image", "delete", id.toString(), Map.of("name", id.toString()));
    }
    response.json(200, answer);
  }

  private void untagged(List<ImageDeleteTemplate> answer, ImageRecord image, String full) {
    answer.add(new ImageDeleteTemplate(ImageViews.familiar(full), null));
    events.publish("image", "untag", image.id().toString(), Map.of("name", image.id().toString()));
  }

  /** The tag {@code name} refers to, when it names the image by a tag rather than by ID. */
  private static Optional<ImageReference> tagNamed(String name, ImageRecord image) {
    try {
      ImageReference ref = ImageReference.parse(name);
      if (ref.tag() != null && ref.digest() == null && image.repoTags().contains(ref.toString())) {
        return Optional.of(ref);
      }
    } catch (InvalidImageDataException e) {
      // an ID or ID prefix
    }
    return Optional.empty();
  }

  private static EngineException inUse(
      String name, ImageRecord image, Set<String> users, boolean byTag) {
    String containers =
        String.join(
            ", ", users.stream().map(u -> u.substring(0, Math.min(12, u.length()))).toList());
    String message =
        byTag
            ? "conflict: unable to remove repository reference \""
                + name
                + "\" (must force) - container "
                + containers
                + " is using its referenced image "
                + image.id().shortHex()
            : "conflict: unable to delete "
                + image.id().shortHex()
                + " (cannot be forced) - image is being used by container "
                + containers;
    return new EngineException(ErrorKind.CONFLICT, message);
  }

  private void prune(ApiRequest request, ApiResponse response) throws EngineException {
    ListFilters filters = ListFilters.of(request, Set.of("dangling", "label", "label!", "until"));
    boolean onlyDangling = filters.bool("dangling").orElse(true);
    Optional<Instant> until =
        filters.has("until")
            ? Optional.of(Timestamps.parse("until", filters.get("until").get(0), clock.instant()))
            : Optional.empty();
    List<ImageDeleteTemplate> deleted = new ArrayList<>();
    long reclaimed = 0;
    for (ImageRecord image : store.list()) {
      ImageConfig config = store.config(image);
      boolean prunable =
          (!onlyDangling || image.repoTags().isEmpty())
              && filters.labels("label", config.labels())
              && filters.notLabels("label!", config.labels())
              && until.map(u -> image.added().isBefore(u)).orElse(true)
              && links.usingImage(image.id().toString()).isEmpty();
      if (prunable) {
        store.remove(image.id().toString(), true);
        for (String tag : image.repoTags()) {
          untagged(deleted, image, tag);
        }
        deleted.add(new ImageDeleteTemplate(null, image.id().toString()));
        events.publish(
            "image", "delete", image.id().toString(), Map.of("name", image.id().toString()));
        reclaimed += image.size();
      }
    }
    response.json(200, new ImagePruneTemplate(deleted, reclaimed));
  }

  // --- load, save

  private void load(ApiRequest request, ApiResponse response) throws EngineException {
    List<PulledImage> loaded = loader.load(request.stream(), Platform.host());
    LineStream lines = response.lines(200, JSON, MAX_QUEUED_LINES);
    for (PulledImage image : loaded) {
      if (image.names().isEmpty()) {
        lines.send(ProgressTemplate.stream("Loaded image ID: " + image.id() + "\n"));
      }
      for (ImageReference name : image.names()) {
        lines.send(ProgressTemplate.stream("Loaded image: " + name.familiar() + "\n"));
      }
      events.publish("image", "load", image.id().toString(), Map.of("name", image.id().toString()));
    }
    lines.finish();
  }

  private void saveOne(ApiRequest request, ApiResponse response) throws EngineException {
    save(List.of(request.param("name")), response);
  }

  private void saveMany(ApiRequest request, ApiResponse response) throws EngineException {
    List<String> names = request.queryValues("names");
    if (names.isEmpty()) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "no image names given (names=)");
    }
    save(names, response);
  }

  private void save(List<String> names, ApiResponse response) throws EngineException {
    List<ImageRecord> images = new ArrayList<>();
    for (String name : names) {
      images.add(image(name)); // every name resolves before the tar starts
    }
    response.stream(200, "application/x-tar", out -> saver.save(names, out));
    for (ImageRecord image : images) {
      events.publish("image", "save", image.id().toString(), Map.of("name", image.id().toString()));
    }
  }
}
