package dev.sanctl.spi.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The constant Perl scripts sanctl runs on nodes with {@code perl -e SCRIPT ARG} (secrets on
 * standard input, never in argv), in one place for the providers that send them and the simulator
 * that recognises them: {@link #IET_ACCOUNT_NEW} ({@code iet-account-new.pl}) and {@link
 * #TGT_ACCOUNT_NEW} ({@code tgt-account-new.pl}).
 */
public final class PerlScripts {
  /** Adds an IET CHAP account over ietd's management socket; argument: the tid. */
  public static final String IET_ACCOUNT_NEW = oneLine("iet-account-new.pl");

  /** Adds a tgt CHAP account over tgtd's management socket; argument: the control port. */
  public static final String TGT_ACCOUNT_NEW = oneLine("tgt-account-new.pl");

  private PerlScripts() {}

  /**
   * The resource {@code name} next to this class as one line (an argument holds no line break):
   * comment lines dropped, lines stripped and joined by a space.
   */
  static String oneLine(String name) {
    try (InputStream in = PerlScripts.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " is missing");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .collect(Collectors.joining(" "));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
