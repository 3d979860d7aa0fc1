package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.atlasoperator.domain.Digests;
import io.atlasoperator.status.Reason;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events on an AtlasDatabaseUser for {@code kubectl describe}; which Events to
 * write is decided by {@link Reporter}. The Event's reason is the status {@link Reason}.
 */
final class EventRecorder implements Events {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  static final String COMPONENT = "atlas-operator";
  private static final String INSTANCE = System.getenv().getOrDefault("HOSTNAME", "atlas-operator");
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  private final KubernetesClient client;
  private final Clock clock;

  EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * A stable name per resource, reason and message: the same Event again counts up (kubectl
   * describe shows "x3 over 5m") instead of adding an object. At most 253 characters.
   */
  static String name(AtlasDatabaseUser resource, Reason reason, String message) {
    String key =
        resource.getMetadata().getUid()
            + "/"
            + reason.eventType()
            + "/"
            + reason.name()
            + "/"
            + message;
    String hash = Digests.sha256Hex(key, 16);
    String owner = resource.getMetadata().getName();
    return owner.substring(0, Math.min(owner.length(), 253 - 17)) + "." + hash;
  }

  /** Counts a repeat of an Event that exists already. */
  private void repeat(AtlasDatabaseUser resource, Reason reason, String message, String now) {
    try {
      client
          .v1()
          .events()
          .inNamespace(resource.getMetadata().getNamespace())
          .withName(name(resource, reason, message))
          .edit(
              event -> {
                event.setCount(event.getCount() == null ? 2 : event.getCount() + 1);
                event.setLastTimestamp(now);
                return event;
              });
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not count a repeat of event {} on {}: {}",
          reason,
          Ownership.ownerOf(resource),
          e.getMessage());
    }
  }

  @Override
  public void record(AtlasDatabaseUser resource, Reason reason, String message) {
    Instant instant = Instant.now(clock);
    String now = DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    String micro = MICRO_TIME.format(instant.truncatedTo(ChronoUnit.MICROS));
    try {
      client
          .v1()
          .events()
          .inNamespace(resource.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(name(resource, reason, message))
                  .withNamespace(resource.getMetadata().getNamespace())
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(resource.getApiVersion())
                          .withKind(resource.getKind())
                          .withName(resource.getMetadata().getName())
                          .withNamespace(resource.getMetadata().getNamespace())
                          .withUid(resource.getMetadata().getUid())
                          .withResourceVersion(resource.getMetadata().getResourceVersion())
                          .build())
                  .withReason(reason.name())
                  .withMessage(message)
                  .withType(reason.eventType())
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withEventTime(new MicroTime(micro))
                  .withAction(reason.name())
                  .withReportingComponent(COMPONENT)
                  .withReportingInstance(INSTANCE)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        repeat(resource, reason, message, now);
        return;
      }
      LOG.warn(
          "could not record event {} on {}: {}",
          reason,
          Ownership.ownerOf(resource),
          e.getMessage());
    }
  }
}
