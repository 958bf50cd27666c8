package dev.sanctl.sim.coreutils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.SimHost;
import dev.sanctl.sim.TestClusters;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreutilsTest {
  @TempDir Path dir;
  SimCluster c;
  SimHost san1;

  @BeforeEach
  void init() throws Exception {
    c = TestClusters.amherst(dir.resolve("sim"));
    san1 = c.host("san1");
  }

  private CommandResult run(String... argv) throws Exception {
    return san1.run(Command.read(argv));
  }

  private CommandResult write(String content, String... argv) throws Exception {
    return san1.run(Command.change(content.getBytes(StandardCharsets.UTF_8), argv));
  }

  @Test
  void providersAtomicConfigWrite() throws Exception {
    assertEquals(0, run("mkdir", "-p", "/mnt/iscsi-target/vg0/iet").exitStatus());
    CommandResult tee =
        write("Target iqn.x:a\n", "tee", "/mnt/iscsi-target/vg0/iet/.ietd.conf.sanctl-tmp");
    assertEquals(0, tee.exitStatus());
    assertEquals("Target iqn.x:a\n", tee.out(), "tee copies stdin to stdout");
    CommandResult mv =
        run(
            "mv",
            "-f",
            "/mnt/iscsi-target/vg0/iet/.ietd.conf.sanctl-tmp",
            "/mnt/iscsi-target/vg0/iet/ietd.conf");
    assertEquals(0, mv.exitStatus(), mv.err());
    assertEquals("Target iqn.x:a\n", run("cat", "/mnt/iscsi-target/vg0/iet/ietd.conf").out());
    assertTrue(
        Files.isRegularFile(c.dir().resolve("_san/meta/vg0/iet/ietd.conf")),
        "the meta volume's content belongs to the volume group");
    assertEquals(1, run("cat", "/mnt/iscsi-target/vg0/iet/.ietd.conf.sanctl-tmp").exitStatus());
    CommandResult other = c.run("san2", "cat", "/mnt/iscsi-target/vg0/iet/ietd.conf");
    assertEquals(
        "cat: /mnt/iscsi-target/vg0/iet/ietd.conf: No such file or directory\n",
        other.err(),
        "san2 does not hold vg0, its meta volume is not mounted there");
  }

  @Test
  void catReportsMissingFilesAndContinues() throws Exception {
    write("a\n", "tee", "/etc/iet/initiators.allow");
    CommandResult r = run("cat", "/etc/iet/nope", "/etc/iet/initiators.allow", "/etc/iet");
    assertEquals(1, r.exitStatus());
    assertEquals("a\n", r.out());
    assertEquals(
        "cat: /etc/iet/nope: No such file or directory\ncat: /etc/iet: Is a directory\n", r.err());
    assertEquals("stdin", write("stdin", "cat").out());
  }

  @Test
  void statFormatsAndMissingFiles() throws Exception {
    run("truncate", "-s", "64M", "/srv/sanctl/vg_files/lun_a.img");
    CommandResult r =
        run(
            "stat",
            "-c",
            "%n %s %b %B %F",
            "/srv/sanctl/vg_files/lun_a.img",
            "/srv/sanctl/vg_files",
            "/srv/sanctl/vg_files/none.img");
    assertEquals(1, r.exitStatus());
    assertEquals(
        "/srv/sanctl/vg_files/lun_a.img 67108864 0 512 regular file\n"
            + "/srv/sanctl/vg_files 4096 0 512 directory\n",
        r.out().replaceAll("(?m)^(/srv/sanctl/vg_files) 4096 \\d+", "$1 4096 0"));
    assertEquals(
        "stat: cannot statx '/srv/sanctl/vg_files/none.img': No such file or directory\n", r.err());
    long mtime =
        Long.parseLong(run("stat", "-c", "%Y", "/srv/sanctl/vg_files/lun_a.img").out().strip());
    assertTrue(Math.abs(mtime - System.currentTimeMillis() / 1000) < 60);
    assertEquals(
        "regular empty file", run("stat", "--format=%F", "/proc/net/iet/volume").out().strip());
  }

  @Test
  void truncateGrowsSparseAndUnderstandsSuffixes() throws Exception {
    String f = "/srv/sanctl/vg_files/x.img";
    assertEquals(0, run("truncate", "-s", "67108864", f).exitStatus());
    assertEquals(
        "67108864 0\n", run("stat", "-c", "%s %b", f).out(), "a hole, no blocks allocated");
    run("truncate", "-s", "+1M", f);
    assertEquals("68157440\n", run("stat", "-c", "%s", f).out());
    run("truncate", "-s", "1G", f);
    assertEquals("1073741824\n", run("stat", "-c", "%s", f).out());
    run("truncate", "-s", "2KB", f);
    assertEquals("2000\n", run("stat", "-c", "%s", f).out());
    CommandResult r = run("truncate", "-s", "lots", f);
    assertEquals(1, r.exitStatus());
    assertEquals("truncate: Invalid number: 'lots'\n", r.err());
    r = run("truncate", "-s", "1M", "/no/such/dir/y.img");
    assertEquals(
        "truncate: cannot open '/no/such/dir/y.img' for writing: No such file or directory\n",
        r.err());
    r = run("truncate", f);
    assertEquals(
        "truncate: you must specify either '--size' or '--reference'\n"
            + "Try 'truncate --help' for more information.\n",
        r.err());
  }

  @Test
  void mkdirMvRm() throws Exception {
    CommandResult r = run("mkdir", "/a/b");
    assertEquals("mkdir: cannot create directory '/a/b': No such file or directory\n", r.err());
    assertEquals(0, run("mkdir", "-p", "/a/b").exitStatus());
    assertEquals(0, run("mkdir", "-p", "/a/b").exitStatus());
    assertEquals(
        "mkdir: cannot create directory '/a/b': File exists\n", run("mkdir", "/a/b").err());
    r = run("mv", "-f", "/a/none", "/a/b/x");
    assertEquals(1, r.exitStatus());
    assertEquals("mv: cannot stat '/a/none': No such file or directory\n", r.err());
    write("x", "tee", "/a/f");
    assertEquals(0, run("mv", "/a/f", "/a/b").exitStatus());
    assertEquals("x", run("cat", "/a/b/f").out(), "mv into a directory keeps the name");
    assertEquals(0, run("rm", "-f", "/a/b/f", "/a/b/none").exitStatus());
    r = run("rm", "/a/b/none");
    assertEquals("rm: cannot remove '/a/b/none': No such file or directory\n", r.err());
    assertEquals("rm: cannot remove '/a/b': Is a directory\n", run("rm", "/a/b").err());
  }

  @Test
  void optionsAreParsedAsGetoptLongDoes() throws Exception {
    write("x", "tee", "/f");
    assertEquals(0, run("mkdir", "/d").exitStatus());
    CommandResult r = run("mv", "--no-target-directory", "/f", "/d");
    assertEquals(
        "mv: cannot overwrite directory '/d' with non-directory\n",
        r.err(),
        "the long name of -T: /d is the destination itself, not a directory to move into");
    r = run("rm", "-fz", "/d");
    assertEquals(1, r.exitStatus());
    assertEquals("rm: invalid option -- 'z'\nTry 'rm --help' for more information.\n", r.err());
    r = run("truncate", "/d", "--size");
    assertEquals(
        "truncate: option '--size' requires an argument\n"
            + "Try 'truncate --help' for more information.\n",
        r.err());
    assertEquals(0, run("rm", "/d", "--recursive").exitStatus(), "options after operands");
  }

  @Test
  void unknownExecutablesAndWrappers() throws Exception {
    CommandResult r = run("frobnicate", "list");
    assertEquals(127, r.exitStatus());
    assertEquals("sh: 1: frobnicate: not found\n", r.err());
    r = run("/opt/bin/lvs");
    assertEquals("sh: 1: /opt/bin/lvs: not found\n", r.err());
    assertEquals(0, run("/sbin/lvs").exitStatus());
    assertEquals(
        0, run("sudo", "-n", "--", "/usr/sbin/ietadm", "--op", "show", "--user").exitStatus());
    CommandResult viaEnv = run("env", "LC_ALL=C", "--", "cat", "/nope");
    assertEquals("cat: /nope: No such file or directory\n", viaEnv.err());
    assertEquals(
        "/bin/cat: /nope: No such file or directory\n",
        run("/bin/cat", "/nope").err(),
        "GNU tools name themselves as invoked");
  }

  @Test
  void toolsExistOnlyWhereTheyAreInstalled() throws Exception {
    // arch1 runs zfs only: no IET module, no ietadm
    assertEquals("sh: 1: ietadm: not found\n", c.run("arch1", "ietadm", "--op", "show").err());
    CommandResult r = c.run("arch1", "cat", "/proc/net/iet/volume");
    assertEquals(1, r.exitStatus());
    assertEquals("cat: /proc/net/iet/volume: No such file or directory\n", r.err());
    assertEquals(0, c.run("arch1", "lvs").exitStatus(), "lvm2 is part of any Linux node");
  }

  @Test
  void findListsFileBackedVolumes() throws Exception {
    run("truncate", "-s", "64M", "/srv/sanctl/vg_files/b.img");
    run("truncate", "-s", "1M", "/srv/sanctl/vg_files/a.img");
    run("mkdir", "-p", "/srv/sanctl/vg_files/sub");
    CommandResult r =
        run(
            "find",
            "/srv/sanctl/vg_files",
            "-maxdepth",
            "1",
            "-type",
            "f",
            "-name",
            "*.img",
            "-printf",
            "%f\\t%s\\t%b\\n");
    assertEquals("a.img\t1048576\t0\nb.img\t67108864\t0\n", r.out());
    assertEquals(
        "/srv/sanctl/vg_files\n/srv/sanctl/vg_files/a.img\n/srv/sanctl/vg_files/b.img\n"
            + "/srv/sanctl/vg_files/sub\n",
        run("find", "/srv/sanctl/vg_files").out());
    r = run("find", "/srv/none", "-maxdepth", "1");
    assertEquals(1, r.exitStatus());
    assertEquals("find: '/srv/none': No such file or directory\n", r.err());
  }

  @Test
  void argumentsARemoteShellCannotCarryAreRefusedAsOverSsh() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> run("cat", "/etc/iet/a\nb"));
  }
}
