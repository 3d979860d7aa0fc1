package io.atlasoperator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.status.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Troubleshooting has an entry for every Stalled reason, the ones only a change can fix: a new
 * Stalled reason does not ship without telling users what they will see and what to do.
 */
class TroubleshootingTest {

  @Test
  void everyStalledReasonHasAnEntryFromWhatYouSeeToWhatToDo() throws Exception {
    String page = Files.readString(Path.of("docs/troubleshooting.md"));
    String stalled =
        page.substring(
            page.indexOf("## The resource is Stalled"), page.indexOf("## Other symptoms"));

    assertThat(
            Arrays.stream(Reason.values())
                .filter(r -> r.kind() == Reason.Kind.STALLED)
                .filter(
                    r ->
                        !stalled.contains(
                            "| ["
                                + r.name()
                                + "](reference/status-reasons.md#"
                                + r.name().toLowerCase(Locale.ROOT)
                                + ") |")))
        .as("Stalled reasons without a row in docs/troubleshooting.md's Stalled section")
        .isEmpty();
  }
}
