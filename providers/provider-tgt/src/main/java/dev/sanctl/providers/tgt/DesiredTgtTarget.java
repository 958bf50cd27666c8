package dev.sanctl.providers.tgt;

import dev.sanctl.spi.model.TargetState;
import java.util.List;

/**
 * A target as tgt should serve it on one node. tgt reserves LUN 0 for its controller, so the
 * desired state's LUN {@code n} is tgt LUN {@code n + 1}.
 */
record DesiredTgtTarget(
    String iqn,
    TargetState state,
    List<DesiredLun> luns,
    List<String> initiators,
    List<Account> incoming,
    Account outgoing) {

  /** A data LUN with its backing store and exact size. */
  record DesiredLun(int tgtLun, String path, long sizeBytes, String serial) {}

  /** A CHAP account; the secret never leaves commands marked secret and the config file. */
  record Account(String user, String secret) {}
}
