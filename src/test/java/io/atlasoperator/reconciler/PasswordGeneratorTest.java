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

  Set<Character> drawn(PasswordGeneration generation, int count) {
    Set<Character> chars = new HashSet<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < count; i++) {
      String password = generator.next(generation).reveal();
      assertThat(seen.add(password)).as("never the same password twice").isTrue();
      password.chars().forEach(c -> chars.add((char) c));
    }
    return chars;
  }

  @Test
  void theDefaultIs32AlphanumericCharactersDrawnFromAllOf62() {
    assertThat(generator.next(null).reveal()).hasSize(32).matches("[A-Za-z0-9]+");
    // 2,000 x 32 draws: a character of 62 is missed with probability under 1e-400.
    assertThat(drawn(null, 2000)).hasSize(62);
  }

  @Test
  void symbolsAndLengthAreTheSpecs() {
    PasswordGeneration generation = new PasswordGeneration();
    generation.setLength(8);
    generation.setCharacters(PasswordCharacters.AlphanumericAndSymbols);
    assertThat(generator.next(generation).reveal()).hasSize(8);
    Set<Character> chars = drawn(generation, 4000);
    assertThat(chars).hasSize(62 + 28).contains('!', '#', '~', '{', '|', '}', '@', '/', ':');
    assertThat(chars).doesNotContain('"', '\'', '\\', '`', ' ');
  }
}
