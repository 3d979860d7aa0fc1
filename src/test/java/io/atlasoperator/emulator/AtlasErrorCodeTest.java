package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.atlas.AtlasErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every error code the emulator can answer with (all of {@link AtlasErrorCode}; the emulator builds
 * error bodies from nothing else) is one Atlas documents, with Atlas's status and message.
 */
class AtlasErrorCodeTest {

  @Test
  void everyCodeIsDocumentedWithItsStatusAndMessage() throws IOException {
    List<String> documented =
        Files.readAllLines(Path.of("src/test/resources/atlas/api-error-codes.tsv")).stream()
            .skip(1)
            .toList();

    List<String> ours =
        Arrays.stream(AtlasErrorCode.values())
            .map(c -> c.name() + "\t" + c.httpStatus() + "\t" + c.messageTemplate())
            .toList();

    assertThat(documented).containsAll(ours);
  }
}
