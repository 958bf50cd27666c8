package dev.sanctl.core.engine;

import dev.sanctl.core.plan.Digests;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Wraps the host during observation and hashes every command's argv, exit status and stdout, so a
 * saved plan can later tell whether live state changed. Refuses mutating commands: observation is
 * read-only.
 */
final class DigestingHost implements Host {
  private final Host delegate;
  private final MessageDigest digest = Digests.sha256();

  DigestingHost(Host delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public synchronized CommandResult run(Command command) throws IOException {
    if (command.mutating()) {
      throw new IllegalStateException(
          "observation must be read-only, but a provider ran a mutating command: " + command);
    }
    CommandResult r = delegate.run(command);
    for (String a : command.argv()) {
      digest.update(a.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    digest.update(ByteBuffer.allocate(4).putInt(r.exitStatus()).array());
    digest.update(r.stdout());
    digest.update((byte) 0);
    return r;
  }

  synchronized String digest() {
    return Digests.format(digest.digest());
  }
}
