package dev.sanctl.sim;

/** ApprovalTests settings: approved files under src/test/resources/dev/sanctl/sim/approvals. */
public class PackageSettings {
  public static String UseApprovalSubdirectory = "approvals";
  public static String ApprovalBaseDirectory = "../resources";
}
