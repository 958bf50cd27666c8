package dev.sanctl.providers.lvm;

/** ApprovalTests: approved files live in src/test/resources/dev/sanctl/providers/lvm/approvals. */
public class PackageSettings {
  public static String UseApprovalSubdirectory = "approvals";
  public static String ApprovalBaseDirectory = "../resources";
}
