package io.atlasoperator.reconciler;

import io.atlasoperator.crd.AtlasDatabaseUser;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on an AtlasDatabaseUser's transitions, for {@code kubectl describe}. */
final class EventRecorder {

  /** The events the operator records. */
  enum EventReason {
    Created("Normal"),
    Updated("Normal"),
    PasswordRotated("Normal"),
    Adopted("Normal"),
    WriteConfirmed("Normal"),
    Deleted("Normal"),
    Retained("Normal"),
    Conflict("Warning"),
    AdoptionNotAllowed("Warning"),
    PolicyDenied("Warning"),
    Expired("Warning"),
    SecretNotFound("Warning"),
    InvalidSpec("Warning"),
    InvalidPassword("Warning"),
    NotApplied("Warning"),
    AtlasError("Warning");

    final String type;

    EventReason(String type) {
      this.type = type;
    }
  }

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

  void record(AtlasDatabaseUser resource, EventReason reason, String message) {
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
                  .withName(
                      resource.getMetadata().getName()
                          + "."
                          + UUID.randomUUID().toString().substring(0, 8))
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
                  .withType(reason.type)
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
      LOG.warn(
          "could not record event {} on {}: {}",
          reason,
          Ownership.ownerOf(resource),
          e.getMessage());
    }
  }
}
