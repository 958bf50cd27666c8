package dev.sanctl.providers.iet;

/** ApprovalTests: approved files live in src/test/resources/dev/sanctl/providers/iet/approvals. */
public class PackageSettings {
  public static String UseApprovalSubdirectory = "approvals";
  public static String ApprovalBaseDirectory = "../resources";
}
