package dev.sanctl.spi.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuotingTest {
  /** Each hostile word must reach {@code printf} through a real {@code sh} unchanged. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "it's",
        "$(id -u)",
        "`id`",
        "a;b",
        "-rf",
        "*",
        "~root",
        "back\\slash",
        "",
        "  spaced ",
        "\"dq\"",
        "héllo wörld ✓",
        "=x",
        "a'b'c",
        "$HOME",
        "x|y&z>w<v",
        "#comment"
      })
  void roundTripsThroughRealShell(String word) throws Exception {
    List<String> argv = new ArrayList<>(List.of("printf", "%s"));
    argv.add(word);
    Process p = new ProcessBuilder("sh", "-c", ShellQuoting.join(argv)).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    assertEquals(0, p.waitFor());
    assertEquals(word, out.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\0b", "a\rb"})
  void refusesLineBreaksAndNul(String word) {
    assertThrows(IllegalArgumentException.class, () -> ShellQuoting.quote(word));
  }
}
