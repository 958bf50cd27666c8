#!/bin/bash
# Stand-in for the zvol block devices zfs-fuse lacks (sanctl tests: e2e BackupOverSshIT, kernel tier).
real=@REAL_ZFS@
dev=/dev/zvol
last="${!#}"
case "$1" in
  create)
    if [ "$2" = -V ]; then
      size=$3; shift 3; opts=()
      while [ $# -gt 1 ]; do
        case "$1" in
          -s) shift ;;
          -b) shift 2 ;;
          -o) opts+=(-o "$2"); shift 2 ;;
          *) echo "zvol stand-in: unexpected $1" >&2; exit 2 ;;
        esac
      done
      "$real" create "${opts[@]}" -o mountpoint=none "$1" || exit
      mkdir -p "$dev/$(dirname "$1")" && truncate -s "$size" "$dev/$1"
      exit
    fi ;;
  get)
    if [[ " $* " == *" volsize "* ]] && [ -f "$dev/$last" ]; then
      stat -c %s "$dev/$last"; exit
    fi ;;
  set)
    if [[ "$2" == volsize=* ]] && [ -f "$dev/$3" ]; then
      truncate -s "${2#volsize=}" "$dev/$3"; exit
    fi ;;
  snapshot)
    "$real" "$@" || exit
    if [ -f "$dev/${last%@*}" ]; then cp --sparse=always "$dev/${last%@*}" "$dev/$last"; fi
    exit ;;
  destroy)
    "$real" "$@" || exit
    rm -f "$dev/$last"; exit ;;
esac
exec "$real" "$@"
