package dev.sanctl.providers.iet;

import java.util.regex.Pattern;

/**
 * The patterns that split IET's text files into lines and words, compiled once: {@link
 * String#split(String)} compiles a regular expression such as {@code \s+} on every call, once per
 * line of an {@code ietd.conf} of thousands of targets. {@link Pattern#split} is what {@code
 * String.split} does with the compiled pattern: the same result.
 */
final class IetText {
  /** Runs of whitespace between words ({@code \s+}). */
  static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** The boundary after each newline: lines keeping their {@code \n}. */
  static final Pattern AFTER_NEWLINE = Pattern.compile("(?<=\n)");

  private IetText() {}
}
