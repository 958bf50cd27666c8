package dev.sanctl.sim.iet;

import dev.sanctl.sim.Getopt;
import dev.sanctl.sim.Getopt.Arg;
import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Simulated {@code ietadm} of IET 1.4.20.3: the same options ({@code --op}, {@code --tid}, {@code
 * --lun}, {@code --sid}, {@code --cid}, {@code --params}, {@code --user}, {@code --redirect}), the
 * same dispatch order (user, lun, cid, sid, tid, none), nothing printed on success, {@code
 * strerror(errno).} on failure and the negative errno as exit status (ENOENT 254, EEXIST 239, EBUSY
 * 240, EINVAL 234).
 */
public final class IetadmTool implements SimTool {
  private static final int SET_TARGET = 1;
  private static final int SET_SESSION = 2;
  private static final int SET_CONNECTION = 4;
  private static final int SET_LUNIT = 8;
  private static final int SET_USER = 16;
  private static final int SET_REDIRECT = 32;

  @Override
  public Set<String> names() {
    return Set.of("ietadm");
  }

  /** Parsed options of one invocation. */
  private static final class Req {
    String op;
    int set;
    int tid;
    int lun;
    int cid;
    long sid;
    String params;
    final StringBuilder out = new StringBuilder();
    final StringBuilder err = new StringBuilder();
  }

  /** ietadm.c's {@code long_options} and {@code "o:t:s:c:l:p:uvhr:"}. */
  private static final Getopt OPTIONS =
      Getopt.options()
          .option('o', "op", Arg.REQUIRED)
          .option('t', "tid", Arg.REQUIRED)
          .option('s', "sid", Arg.REQUIRED)
          .option('c', "cid", Arg.REQUIRED)
          .option('l', "lun", Arg.REQUIRED)
          .option('r', "redirect", Arg.REQUIRED)
          .option('p', "params", Arg.REQUIRED)
          .option('u', "user", Arg.NONE)
          .option('v', "version", Arg.NONE)
          .option('h', "help", Arg.NONE);

  @Override
  public boolean installedOn(SimNode node) throws IOException {
    return node.hasService("iet");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    Req r = new Req();
    String usage = "Try `ietadm --help' for more information.\n";
    Getopt.Parsed parsed;
    try {
      parsed = OPTIONS.parse(argv.subList(1, argv.size()));
    } catch (Getopt.Error e) {
      return CommandResult.of(255, "", "ietadm: " + e.getMessage() + "\n" + usage);
    }
    for (Getopt.Option o : parsed.options()) {
      String value = o.value();
      switch (o.name()) {
        case "op" -> r.op = value;
        case "tid" -> {
          r.tid = (int) IetParams.strtol(value);
          r.set |= SET_TARGET;
        }
        case "sid" -> {
          r.sid = IetParams.strtol(value);
          r.set |= SET_SESSION;
        }
        case "cid" -> {
          r.cid = (int) IetParams.strtol(value);
          r.set |= SET_CONNECTION;
        }
        case "lun" -> {
          r.lun = (int) IetParams.strtol(value);
          r.set |= SET_LUNIT;
        }
        case "params" -> r.params = value;
        case "redirect" -> {
          r.set |= SET_REDIRECT;
          r.params = value;
        }
        case "user" -> r.set |= SET_USER;
        case "version" -> {
          return CommandResult.of(0, "ietadm version 1.4.20.3\n", "");
        }
        default -> {
          return CommandResult.of(0, "Usage: ietadm [OPTION]\n", "");
        }
      }
    }
    if (!parsed.operands().isEmpty()) {
      return CommandResult.of(
          255, "", "unrecognized: " + String.join("", parsed.operands()) + "\n" + usage);
    }
    if (r.op == null || !List.of("new", "delete", "update", "show").contains(r.op)) {
      r.err.append("You must specify the operation type\n");
      return done(r, -IetRuntime.EINVAL);
    }
    int err;
    if ((r.set & SET_USER) != 0) err = user(node, r);
    else if ((r.set & SET_LUNIT) != 0) err = lunit(node, r);
    else if ((r.set & SET_CONNECTION) != 0) err = connection(node, r);
    else if ((r.set & SET_SESSION) != 0) err = session(node, r);
    else if ((r.set & SET_TARGET) != 0) err = target(node, r);
    else if (r.set == 0) err = system(node, r);
    else return CommandResult.of(255, "", usage);
    return done(r, err);
  }

  private static CommandResult done(Req r, int err) {
    return CommandResult.of(err & 0xff, r.out.toString(), r.err.toString());
  }

  /** The daemon answered {@code errno}: ietadm prints {@code strerror.} and returns it. */
  private static int daemon(Req r, int errno) {
    if (errno != 0) r.err.append(IetRuntime.strerror(errno)).append(".\n");
    return -errno;
  }

  private int target(SimNode node, Req r) throws IOException {
    IetState s = node.iet();
    switch (r.op) {
      case "new":
        {
          if (r.params == null || !r.params.startsWith("Name=")) return -IetRuntime.EINVAL;
          return daemon(r, IetRuntime.addTarget(s, r.tid, r.params.substring(5)));
        }
      case "delete":
        return daemon(r, IetRuntime.deleteTarget(node, r.tid));
      case "update":
        {
          IetState.Target t = s.target(r.tid);
          if ((r.set & SET_REDIRECT) != 0) {
            if (t == null) return daemon(r, IetRuntime.ENOENT);
            t.redirect = r.params;
            return 0;
          }
          java.util.Map<String, Integer> parsed = new java.util.LinkedHashMap<>();
          for (String p : r.params == null ? new String[0] : r.params.split(",")) {
            int eq = p.indexOf('=');
            if (p.isEmpty() || eq < 0) continue;
            String key = p.substring(0, eq);
            String value = p.substring(eq + 1);
            IetParams.Key k = IetParams.find(IetParams.TARGET_KEYS, key);
            if (k == null) k = IetParams.find(IetParams.SESSION_KEYS, key);
            if (k == null) {
              r.err.append("Unknown parameter \"").append(key).append("\".\n");
              return -IetRuntime.EINVAL;
            }
            Integer v = IetParams.parse(k, value);
            if (v == null) {
              r.err
                  .append("Invalid ")
                  .append(k.name())
                  .append(" value \"")
                  .append(value)
                  .append("\".\n");
              return -IetRuntime.EINVAL;
            }
            parsed.put(k.name(), v);
          }
          if (t == null) return daemon(r, IetRuntime.ENOENT);
          t.params.putAll(parsed);
          return 0;
        }
      default:
        {
          IetState.Target t = s.target(r.tid);
          if (t == null) return daemon(r, IetRuntime.ENOENT);
          r.out.append(IetParams.showAll(IetParams.TARGET_KEYS, t.params));
          return 0;
        }
    }
  }

  private int lunit(SimNode node, Req r) throws IOException {
    if (r.op.equals("update")) {
      r.err.append("Unsupported.\n");
      return -IetRuntime.EINVAL;
    }
    if ((r.set & SET_TARGET) == 0) return -IetRuntime.EINVAL;
    return switch (r.op) {
      case "new" ->
          daemon(r, IetRuntime.addLun(node, r.tid, r.lun, r.params == null ? "" : r.params));
      case "delete" -> daemon(r, IetRuntime.deleteLun(node, r.tid, r.lun));
      default -> 0;
    };
  }

  private int session(SimNode node, Req r) throws IOException {
    if (r.op.equals("new") || r.op.equals("update")) {
      r.err.append("Unsupported.\n");
      return -IetRuntime.EINVAL;
    }
    if ((r.set & SET_TARGET) == 0 || r.op.equals("delete")) return -IetRuntime.EINVAL;
    IetState.Target t = node.iet().target(r.tid);
    if (t == null || (r.sid != 0 && t.sessions.stream().noneMatch(x -> x.sid == r.sid))) {
      return daemon(r, IetRuntime.ENOENT);
    }
    r.out.append(IetParams.showAll(IetParams.SESSION_KEYS, t.params));
    return 0;
  }

  private int connection(SimNode node, Req r) throws IOException {
    if (r.op.equals("new") || r.op.equals("update")) {
      r.err.append("Unsupported.\n");
      return -IetRuntime.EINVAL;
    }
    if ((r.set & (SET_TARGET | SET_SESSION | SET_CONNECTION))
        != (SET_TARGET | SET_SESSION | SET_CONNECTION)) {
      return -IetRuntime.EINVAL;
    }
    if (r.op.equals("show")) return 0;
    IetState.Target t = node.iet().target(r.tid);
    IetState.Session s =
        t == null ? null : t.sessions.stream().filter(x -> x.sid == r.sid).findFirst().orElse(null);
    if (s == null || !s.connections.removeIf(c -> c.cid() == r.cid)) {
      return daemon(r, IetRuntime.ENOENT);
    }
    if (s.connections.isEmpty()) {
      t.sessions.remove(s);
      IetRuntime.releaseDeletedLuns(node, t);
    }
    return 0;
  }

  private int user(SimNode node, Req r) throws IOException {
    if ((r.set & ~(SET_TARGET | SET_USER)) != 0) return -IetRuntime.EINVAL;
    String user = null;
    String pass = null;
    Boolean incoming = null;
    for (String p : r.params == null ? new String[0] : r.params.split(",")) {
      int eq = p.indexOf('=');
      if (p.isEmpty() || eq < 0) continue;
      String key = p.substring(0, eq);
      String value = p.substring(eq + 1);
      if (!value.isEmpty() && Character.isWhitespace(value.charAt(0))) value = value.substring(1);
      if (key.equalsIgnoreCase("IncomingUser") || key.equalsIgnoreCase("OutgoingUser")) {
        if (user != null) {
          r.err
              .append("Already specified ")
              .append(
                  key.substring(0, 8).equalsIgnoreCase("Incoming")
                      ? "IncomingUser "
                      : "OutgoingUser ")
              .append(value)
              .append('\n');
        }
        user = value;
        incoming = key.equalsIgnoreCase("IncomingUser");
      } else if (key.equalsIgnoreCase("Password")) {
        if (pass != null) r.err.append("Already specified Password ").append(value).append('\n');
        pass = value;
      } else {
        r.err.append("Unknown parameter ").append(value).append('\n');
        return -IetRuntime.EINVAL;
      }
    }
    IetState s = node.iet();
    List<IetState.Account> accounts;
    if (r.tid == 0) {
      accounts = s.discoveryAccounts;
    } else {
      IetState.Target t = s.target(r.tid);
      accounts = t == null ? null : t.accounts;
    }
    switch (r.op) {
      case "new":
        {
          if (user == null || pass == null) {
            r.err.append("Username and password must be specified\n");
            return -IetRuntime.EINVAL;
          }
          if (accounts == null) return daemon(r, IetRuntime.ENOENT);
          if (!incoming) accounts.removeIf(a -> !a.incoming());
          accounts.add(new IetState.Account(incoming, user, pass));
          return 0;
        }
      case "delete":
        {
          if (user == null) {
            r.err.append("Username must be specified\n");
            return -IetRuntime.EINVAL;
          }
          if (pass != null) r.err.append("Ignoring specified password\n");
          String u = user;
          boolean in = incoming;
          if (accounts == null
              || !accounts.removeIf(a -> a.incoming() == in && a.user().equals(u))) {
            return daemon(r, IetRuntime.ENOENT);
          }
          return 0;
        }
      case "show":
        {
          if (pass != null) r.err.append("Ignoring specified password\n");
          if (accounts == null) accounts = List.of();
          if (user != null) {
            String u = user;
            boolean in = incoming;
            IetState.Account a =
                accounts.stream()
                    .filter(x -> x.incoming() == in && x.user().equals(u))
                    .findFirst()
                    .orElse(null);
            if (a == null) return daemon(r, IetRuntime.ENOENT);
            r.out
                .append(in ? "Incoming" : "Outgoing")
                .append("User ")
                .append(a.user())
                .append(' ')
                .append(a.password())
                .append('\n');
            return 0;
          }
          for (boolean in : new boolean[] {true, false}) {
            for (IetState.Account a : accounts) {
              if (a.incoming() == in) {
                r.out
                    .append(in ? "Incoming" : "Outgoing")
                    .append("User ")
                    .append(a.user())
                    .append('\n');
              }
            }
          }
          return 0;
        }
      default:
        r.err.append("Unsupported\n");
        return -IetRuntime.EINVAL;
    }
  }

  private int system(SimNode node, Req r) throws IOException {
    if (!r.op.equals("delete")) return 0;
    IetState s = node.iet();
    for (IetState.Target t : List.copyOf(s.targets)) {
      t.sessions.clear();
      IetRuntime.deleteTarget(node, t.tid);
    }
    return 0;
  }
}
