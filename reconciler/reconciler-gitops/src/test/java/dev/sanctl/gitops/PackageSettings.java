package dev.sanctl.gitops;

/** ApprovalTests: approved files live in src/test/resources/dev/sanctl/gitops/approvals. */
public class PackageSettings {
  public static String UseApprovalSubdirectory = "approvals";
  public static String ApprovalBaseDirectory = "../resources";
}
