package dev.sanctl.sim.zfs;

/** Usage texts printed by {@code zfs -?}: OpenZFS 2.x and the zfs-fuse 0.7 / Solaris 10 era. */
final class ZfsUsage {
  private ZfsUsage() {}

  static final String OPENZFS =
      """
      usage: zfs command args ...
      where 'command' is one of the following:

      \tversion [-j]

      \tcreate [-Pnpuv] [-o property=value] ... <filesystem>
      \tcreate [-Pnpsv] [-b blocksize] [-o property=value] ... -V <size> <volume>
      \tdestroy [-fnpRrv] <filesystem|volume>
      \tdestroy [-dnpRrv] <filesystem|volume>@<snap>[%<snap>][,...]
      \tdestroy <filesystem|volume>#<bookmark>

      \tsnapshot [-r] [-o property=value] ... <filesystem|volume>@<snap> ...
      \trollback [-rRf] <snapshot>
      \tclone [-p] [-o property=value] ... <snapshot> <filesystem|volume>
      \tpromote <clone-filesystem>
      \trename [-f] <filesystem|volume|snapshot> <filesystem|volume|snapshot>
      \trename -r <snapshot> <snapshot>

      \tlist [-Hp] [-r|-d max] [-o property[,...]] [-s property]...
      \t    [-S property]... [-t type[,...]] [filesystem|volume|snapshot] ...

      \tset [-u] <property=value> ... <filesystem|volume|snapshot> ...
      \tget [-rHp] [-j [--json-int]] [-d max] [-o "all" | field[,...]]
      \t    [-t type[,...]] [-s source[,...]]
      \t    <"all" | property[,...]> [filesystem|volume|snapshot|bookmark] ...
      \tinherit [-rS] <property> <filesystem|volume|snapshot> ...

      \thold [-r] <tag> <snapshot> ...
      \tholds [-rHp] <snapshot> ...
      \trelease [-r] <tag> <snapshot> ...

      Each dataset is of the form: pool/[dataset/]*dataset[@name]

      For the property list, run: zfs set|get

      For the delegated permission list, run: zfs allow|unallow

      For further help on a command or topic, run: zfs help [<topic>]
      """;

  static final String ZFS_FUSE =
      """
      usage: zfs command args ...
      where 'command' is one of the following:

      \tcreate [-p] [-o property=value] ... <filesystem>
      \tcreate [-ps] [-b blocksize] [-o property=value] ... -V <size> <volume>
      \tdestroy [-rRf] <filesystem|volume>
      \tdestroy [-rRd] <snapshot>

      \tsnapshot [-r] [-o property=value] ... <filesystem@snapname|volume@snapname>
      \trollback [-rRf] <snapshot>
      \tclone [-p] [-o property=value] ... <snapshot> <filesystem|volume>
      \tpromote <clone-filesystem>
      \trename <filesystem|volume|snapshot> <filesystem|volume|snapshot>
      \trename -p <filesystem|volume> <filesystem|volume>
      \trename -r <snapshot> <snapshot>
      \tlist [-rH][-d max] [-o property[,...]] [-t type[,...]] [-s property] ...
      \t    [-S property] ... [filesystem|volume|snapshot] ...

      \tset <property=value> <filesystem|volume|snapshot> ...
      \tget [-rHp] [-d max] [-o "all" | field[,...]] [-s source[,...]]
      \t    <"all" | property[,...]> [filesystem|volume|snapshot] ...
      \tinherit [-rS] <property> <filesystem|volume|snapshot> ...

      \thold [-r] <tag> <snapshot> ...
      \tholds [-r] <snapshot> ...
      \trelease [-r] <tag> <snapshot> ...

      Each dataset is of the form: pool/[dataset/]*dataset[@name]

      For the property list, run: zfs set|get

      For the delegated permission list, run: zfs allow|unallow
      """;
}
