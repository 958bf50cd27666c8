package dev.sanctl.spi.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sanctl.spi.model.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChapSecretsTest {
  private final List<String> reads = new ArrayList<>();

  private final PlanContext.SecretResolver files =
      path -> {
        reads.add(path);
        if (path.contains("missing")) {
          throw new PlanContext.SecretException("secret file " + path + " does not exist");
        }
        return "S-" + path.substring(path.lastIndexOf('/') + 1);
      };

  private static Target.ChapUser user(String name, String file) {
    return new Target.ChapUser(name, file, null);
  }

  @Test
  void accountsAreIncomingInOrderThenOutgoingAndEachFileIsReadOnce() throws Exception {
    ChapSecrets secrets = new ChapSecrets(files);
    Target.Chap chap =
        new Target.Chap(List.of(user("alice", "/s/a"), user("bob", "/s/b")), user("tgt", "/s/a"));
    ChapSecrets.Accounts a = secrets.accounts(chap);
    assertEquals(
        List.of(new ChapSecrets.Account("alice", "S-a"), new ChapSecrets.Account("bob", "S-b")),
        a.incoming());
    assertEquals(new ChapSecrets.Account("tgt", "S-a"), a.outgoing());
    secrets.accounts(chap);
    assertEquals(List.of("/s/a", "/s/b"), reads);
    assertEquals(
        List.of("alice", "bob", "tgt"),
        ChapSecrets.users(chap).stream().map(Target.ChapUser::user).toList());
  }

  @Test
  void noChapHasNoAccounts() throws Exception {
    ChapSecrets.Accounts a = new ChapSecrets(files).accounts(Target.Chap.NONE);
    assertEquals(List.of(), a.incoming());
    assertNull(a.outgoing());
    assertEquals(List.of(), ChapSecrets.users(Target.Chap.NONE));
  }

  @Test
  void anUnusableFileFailsEveryTimeItIsAskedFor() {
    ChapSecrets secrets = new ChapSecrets(files);
    Target.ChapUser u = user("alice", "/s/missing");
    PlanContext.SecretException e =
        assertThrows(PlanContext.SecretException.class, () -> secrets.secretOf(u));
    assertEquals("secret file /s/missing does not exist", e.getMessage());
    assertThrows(PlanContext.SecretException.class, () -> secrets.secretOf(u));
    assertEquals(List.of("/s/missing", "/s/missing"), reads);
  }
}
