package dev.sanctl.providers.zfs;

/**
 * ApprovalTests: approved files of this package and its subpackages live in
 * src/test/resources/dev/sanctl/providers/zfs/.../approvals (one layout in every module).
 */
public class PackageSettings {
  public static String UseApprovalSubdirectory = "approvals";
  public static String ApprovalBaseDirectory = "../resources";
}
