# JVM options by command, one definition for both launchers: sourced by the checkout's ./sanctl and
# copied into the Debian package's /usr/bin/sanctl by ci/package (POSIX sh). Measured in
# docs/benchmarks.md, "Converged plan, memory and JVM options (session 7)":
# - every command but ddless and backup: the serial collector. sanctl's work is one thread of
#   short-lived objects; G1 (the default on 2+ CPUs) grew the heap of a 5,000-target apply to
#   1.8 GiB resident where the serial collector keeps it near 300 MiB, at no cost in time;
# - commands that end in seconds (validate, plan, drift, import, status, sim, ...): the C1 compiler
#   only (-XX:TieredStopAtLevel=1); C2 compiling in the background cost more CPU than it saved;
# - apply and watch keep C2 (a 5,000-target apply ran 30 % longer with C1 only); ddless and backup
#   keep the JVM's defaults (G1, C2: the hashing kernel needs C2, their buffers are large).
# - every command but ddless and backup: transparent huge pages for the Java heap (-XX:+UseTransparentHugePages) when
#   the kernel gives them on request only (/sys/kernel/mm/transparent_hugepage/enabled is
#   "[madvise]"; with "[always]" the heap gets them anyway, with "[never]" the JVM would warn). A
#   young collection copies the survivors into memory never touched before, and a page fault costs
#   much on a virtual machine: huge pages halved the collector's CPU time of a 5,000-target plan;
# $SANCTL_JAVA_OPTS comes after these options, so its own settings win; when it names a collector
# (-XX:+Use...GC) the serial collector is not set (two collectors are an error).

# sanctl_jvm_options ARG...: prints the JVM options for the sanctl command line ARG...
sanctl_jvm_options() {
  _sanctl_gc=-XX:+UseSerialGC _sanctl_jit=-XX:TieredStopAtLevel=1 _sanctl_thp=
  _sanctl_thp_mode=
  { read -r _sanctl_thp_mode </sys/kernel/mm/transparent_hugepage/enabled; } 2>/dev/null || true
  case $_sanctl_thp_mode in
    *'[madvise]'*) _sanctl_thp=-XX:+UseTransparentHugePages ;;
  esac
  for _sanctl_arg in "$@"; do
    case $_sanctl_arg in
      apply | watch) _sanctl_jit= ; break ;;
      ddless | backup) _sanctl_gc= _sanctl_jit= _sanctl_thp= ; break ;;
      plan | validate | drift | import | status | demo | sim | ddmap | snaprotate | version) break ;;
    esac
  done
  case ${SANCTL_JAVA_OPTS:-} in
    *-XX:+Use*GC*) _sanctl_gc= ;;
  esac
  echo $_sanctl_gc $_sanctl_jit $_sanctl_thp
}
