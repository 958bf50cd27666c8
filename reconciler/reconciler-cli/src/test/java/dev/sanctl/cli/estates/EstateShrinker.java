package dev.sanctl.cli.estates;

import java.util.ArrayList;
import java.util.List;

/**
 * Reduces a failing estate and its operations to a smaller case that still fails: first removes
 * operations one at a time, then drops optional parts of the estate (the tgt node, the pools, the
 * backups, cron, target defaults, each volume, each target), keeping every reduction that still
 * fails, until no reduction fails any more.
 */
final class EstateShrinker {
  /** A case: an estate (never mutated here; each try runs on a copy) and its operations. */
  record Case(Estate estate, List<EstateScenario.Op> ops) {}

  /** Runs a case; returns the failure it throws, or null when it passes (or validate rejects). */
  interface Runner {
    Throwable failure(Estate estate, List<EstateScenario.Op> ops);
  }

  /** The most runs a shrink makes, so that a slow failure still reports in reasonable time. */
  static final int MAX_RUNS = 200;

  private final Runner runner;
  private int runs;

  EstateShrinker(Runner runner) {
    this.runner = runner;
  }

  /** The smallest failing case reached from {@code failing}, with the failure it raises. */
  Result shrink(Case failing, Throwable failure) {
    Case smallest = failing;
    Throwable last = failure;
    boolean reduced = true;
    while (reduced && runs < MAX_RUNS) {
      reduced = false;
      for (Case candidate : reductions(smallest)) {
        if (runs >= MAX_RUNS) break;
        runs++;
        Throwable t = runner.failure(copy(candidate.estate()), candidate.ops());
        if (t != null) {
          smallest = candidate;
          last = t;
          reduced = true;
          break;
        }
      }
    }
    return new Result(smallest, last, runs);
  }

  /** The outcome of a shrink: the smallest failing case, its failure and how many runs it took. */
  record Result(Case smallest, Throwable failure, int runs) {}

  /** Every one-step reduction of a case, operations first. */
  static List<Case> reductions(Case c) {
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < c.ops().size(); i++) {
      List<EstateScenario.Op> fewer = new ArrayList<>(c.ops());
      fewer.remove(i);
      out.add(new Case(c.estate(), fewer));
    }
    Estate e = c.estate();
    List<Estate> smaller = new ArrayList<>();
    if (!e.tgt.isEmpty()) smaller.add(with(e, x -> x.tgt.clear()));
    if (!e.haZvols.isEmpty() || !e.directZvols.isEmpty()) {
      smaller.add(
          with(
              e,
              x -> {
                x.haZvols.clear();
                x.directZvols.clear();
              }));
    }
    if (e.backups) smaller.add(flags(e, e.targetDefaults, false, e.cron));
    if (e.cron) smaller.add(flags(e, e.targetDefaults, e.backups, false));
    if (e.targetDefaults) smaller.add(flags(e, false, e.backups, e.cron));
    for (int k = 0; k < e.lists().size(); k++) {
      int list = k;
      for (int i = 0; i < e.lists().get(k).size(); i++) {
        int at = i;
        smaller.add(with(e, x -> x.lists().get(list).remove(at)));
        Estate.Vol v = e.lists().get(k).get(i);
        if (v.target() != null) {
          smaller.add(
              with(
                  e,
                  x -> x.lists().get(list).set(at, new Estate.Vol(v.name(), v.sizeMib(), null))));
        }
      }
    }
    for (int i = 0; i < e.haZvols.size(); i++) {
      int at = i;
      smaller.add(with(e, x -> x.haZvols.remove(at)));
    }
    for (int i = 0; i < e.directZvols.size(); i++) {
      int at = i;
      smaller.add(with(e, x -> x.directZvols.remove(at)));
    }
    for (Estate s : smaller) out.add(new Case(s, c.ops()));
    return out;
  }

  /** A fresh copy of an estate (a scenario mutates the estate it runs). */
  static Estate copy(Estate e) {
    return new Estate(
        e.ha,
        e.single,
        e.files,
        e.tgt,
        e.haZvols,
        e.directZvols,
        e.targetDefaults,
        e.backups,
        e.cron,
        e.edge);
  }

  private static Estate with(Estate e, java.util.function.Consumer<Estate> change) {
    Estate copy = copy(e);
    change.accept(copy);
    return copy;
  }

  private static Estate flags(Estate e, boolean targetDefaults, boolean backups, boolean cron) {
    return new Estate(
        e.ha,
        e.single,
        e.files,
        e.tgt,
        e.haZvols,
        e.directZvols,
        targetDefaults,
        backups,
        cron,
        e.edge);
  }
}
