package dev.sanctl.core.render;

/** ApprovalTests: approved files live in src/test/resources/dev/sanctl/core/render/approvals. */
public class PackageSettings {
  public static String UseApprovalSubdirectory = "approvals";
  public static String ApprovalBaseDirectory = "../resources";
}
