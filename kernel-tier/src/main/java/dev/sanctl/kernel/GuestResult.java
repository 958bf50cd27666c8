package dev.sanctl.kernel;

/** What a command run in a guest over SSH returned. */
public record GuestResult(int status, String stdout, String stderr) {
  public boolean ok() {
    return status == 0;
  }

  @Override
  public String toString() {
    return "status " + status + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
