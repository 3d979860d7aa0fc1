package io.atlasoperator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated reference pages are the ones committed: a field, a rule or a reason changed in the
 * code and not in docs/ fails here. {@code scripts/update-docs.sh} (this test with
 * -Ddocs.write=true) writes them.
 */
class GeneratedDocsTest {

  @Test
  void theGeneratedPagesAreCurrent() throws IOException {
    for (Map.Entry<Path, String> page : ReferencePages.all().entrySet()) {
      if (Boolean.getBoolean("docs.write")) {
        Files.createDirectories(page.getKey().getParent());
        Files.writeString(page.getKey(), page.getValue());
      }
      assertThat(Files.exists(page.getKey()) ? Files.readString(page.getKey()) : "")
          .as(page.getKey() + " is stale: run scripts/update-docs.sh and commit the result")
          .isEqualTo(page.getValue());
    }
  }

  @Test
  void theReferenceHasEveryFieldAndEveryReasonHasItsEntry() throws IOException {
    String api = ReferencePages.api();
    assertThat(api)
        .contains("| `spec.username` | string |")
        .contains("| `spec.passwordGeneration.rotation.strategy` | string |")
        .contains("One of `InPlace`, `TwoUsers`")
        .contains("| `status.password.previousUser` | string |")
        .contains("lease renews the user's date itself");
    for (io.atlasoperator.config.Setting setting : io.atlasoperator.config.Setting.values()) {
      assertThat(ReferencePages.settings()).contains("| `" + setting.environment() + "` |");
    }
    String reasons = ReferencePages.reasons();
    for (io.atlasoperator.status.Reason reason : io.atlasoperator.status.Reason.values()) {
      assertThat(reasons).contains("### " + reason.name() + "\n");
      if (reason.kind() == io.atlasoperator.status.Reason.Kind.STALLED) {
        assertThat(io.atlasoperator.status.Remedy.of(reason))
            .as("a Stalled reason says what to do: " + reason)
            .isNotBlank();
      }
    }
  }
}
