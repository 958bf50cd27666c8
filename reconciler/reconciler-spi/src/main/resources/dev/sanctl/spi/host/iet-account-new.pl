# sanctl: "ietadm --op new --tid=TID --user --params=KIND=USER,Password=SECRET" with the params
# (KIND=USER,Password=SECRET, KIND IncomingUser or OutgoingUser) read from standard input, because
# ietadm takes them only as an argument, which every local user sees in ps. Speaks ietd's management
# socket as ietadm of IET 1.4.20.2 and 1.4.20.3 does (usr/ietadm.c, usr/ietadm.h, usr/message.c):
# connects to the abstract unix socket "\0IET_ABSTRACT_NAMESPACE" (the whole sockaddr_un, as ietd
# binds it), writes one struct ietadm_req of 2072 bytes (rcmnd C_ACCT_NEW = 17, tid, sid/cid/lun 0,
# union: struct msg_acnt {auth_dir 0 in/1 out, name[256], pass[256]}, zero-filled to the union's
# 2048 bytes) and reads back the request and a struct ietadm_rsp {int err}. In IET <= 1.4.19 the
# command numbers differ (17 is C_ACCT_DEL there), so the script refuses unless the loaded kernel
# module, which ietd >= 1.4.20 requires to be its own version, is one whose protocol was read.
# USER and SECRET are 1 to 255 bytes without white space, comma or NUL (ietadm keeps 255 bytes of
# each and would cut longer ones, so they are refused). Argument: the tid. Messages and exit statuses (negative errno & 255) as ietadm's.
use strict;
use Socket;
sub fail { print STDERR $_[0]; exit($_[1] & 255) }
sub errno_fail { my $e = $_[0]; local $! = $e; fail("$!.\n", -$e) }
my $tid = @ARGV ? $ARGV[0] : '';
my $body = do { local $/; <STDIN> };
fail("Username and password must be specified\n", -22)
  unless $tid =~ /\A[0-9]{1,10}\z/ && $tid < 4294967296 && defined $body
  && $body =~ /\A(IncomingUser|OutgoingUser)=([^,\0\s]{1,255}),Password=([^,\0\s]{1,255})\z/;
my ($kind, $user, $pass) = ($1, $2, $3);
my $vfile = defined $ENV{SANCTL_IET_VERSION_FILE} ? $ENV{SANCTL_IET_VERSION_FILE} : '/sys/module/iscsi_trgt/version';
my $version = '';
if (open(my $v, '<', $vfile)) { $version = <$v>; close $v; $version = '' unless defined $version; chomp $version; }
fail("sanctl: the loaded IET kernel module (version '$version' in $vfile) is not IET 1.4.20.2 or 1.4.20.3 (or their svn trunk), whose ietadm protocol sanctl speaks; the account was not created\n", -95)
  unless $version =~ /\A(?:1\.4\.20\.[23]|trunk)\z/;
socket(my $s, AF_UNIX, SOCK_STREAM, 0) or errno_fail($! + 0);
connect($s, pack('S a108', AF_UNIX, "\0IET_ABSTRACT_NAMESPACE")) or errno_fail($! + 0);
my $req = pack('L L Q L L L a256 a256 x1532', 17, $tid, 0, 0, 0, $kind eq 'IncomingUser' ? 0 : 1, $user, $pass);
my $n = syswrite($s, $req);
unless (defined $n && $n == length $req) {
  my $e = defined $n ? 5 : $! + 0;
  print STDERR 'ietd_request_send 177 ' . (defined $n ? $n : -1) . " -$e\n";
  errno_fail($e);
}
my $rsp = '';
while (length($rsp) < 2076) {
  my $r = sysread($s, $rsp, 2076 - length($rsp), length($rsp));
  last unless $r;
}
if (length($rsp) != 2076) { print STDERR 'ietd_response_recv 200 ' . length($rsp) . " -5\n"; errno_fail(5) }
my $err = unpack('l', substr($rsp, 2072, 4));
errno_fail(-$err) if $err < 0;
exit($err & 255);
