package io.atlasoperator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.crd.PasswordCharacters;
import io.atlasoperator.crd.PasswordGeneration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generated passwords: the length and alphabet asked for, every character of it drawn, none twice.
 */
class PasswordGeneratorTest {

  final PasswordGenerator generator = new PasswordGenerator();

  /** Every character of {@code count} passwords, each checked to have the length asked for. */
  Set<Character> drawn(PasswordGeneration generation, int count, int length) {
    Set<Character> chars = new HashSet<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < count; i++) {
      String password = generator.next(generation).reveal();
      assertThat(password).hasSize(length);
      assertThat(seen.add(password)).as("never the same password twice").isTrue();
      password.chars().forEach(c -> chars.add((char) c));
    }
    return chars;
  }

  @Test
  void theDefaultIs32AlphanumericCharactersDrawnFromAllOf62() {
    assertThat(generator.next(null).reveal()).hasSize(32).matches("[A-Za-z0-9]+");
    // 2,000 x 32 draws: a character of 62 is missed with probability under 1e-400.
    Set<Character> chars = drawn(null, 2000, 32);
    assertThat(chars).hasSize(62).allMatch(c -> String.valueOf(c).matches("[A-Za-z0-9]"));
  }

  @Test
  void symbolsAndLengthAreTheSpecs() {
    PasswordGeneration generation = new PasswordGeneration();
    generation.setLength(8);
    generation.setCharacters(PasswordCharacters.AlphanumericAndSymbols);
    assertThat(generator.next(generation).reveal()).hasSize(8);
    Set<Character> chars = drawn(generation, 4000, 8);
    assertThat(chars).hasSize(62 + 28).contains('!', '#', '~', '{', '|', '}', '@', '/', ':');
    // Printable ASCII (94) less the four that quoting trips over: exactly the 90 drawn.
    assertThat(chars).allMatch(c -> c >= '!' && c <= '~');
    assertThat(chars).doesNotContain('"', '\'', '\\', '`', ' ');
  }
}
