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
 * Every error code the emulator can answer with ({@link ErrorCode}: it builds error bodies from
 * nothing else), and every code the operator's client decodes ({@link AtlasErrorCode}), is one
 * Atlas documents, with Atlas's status and message. The two tables are kept apart on purpose: the
 * emulator ships without the operator.
 */
class AtlasErrorCodeTest {

  static List<String> documented() throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/atlas/api-error-codes.tsv")).stream()
        .skip(1)
        .toList();
  }

  @Test
  void everyCodeTheEmulatorAnswersIsDocumentedWithItsStatusAndMessage() throws IOException {
    assertThat(documented())
        .containsAll(
            Arrays.stream(ErrorCode.values())
                .map(c -> c.name() + "\t" + c.httpStatus() + "\t" + c.messageTemplate())
                .toList());
  }

  @Test
  void everyCodeTheClientDecodesIsDocumentedWithItsStatusAndMessage() throws IOException {
    assertThat(documented())
        .containsAll(
            Arrays.stream(AtlasErrorCode.values())
                .map(c -> c.name() + "\t" + c.httpStatus() + "\t" + c.messageTemplate())
                .toList());
  }
}
