# sanctl: "tgtadm --op new --mode account" with the user and password read from standard input,
# because tgtadm (and tgt-admin, which runs tgtadm) take the password only as an argument, which
# every local user sees in ps. Speaks tgtd's management socket as tgtadm 1.0.x does: a struct
# tgtadm_req (mode account, op new, lld iscsi, tid -1) followed by "user=NAME,password=SECRET\0".
# Argument: the control port (tgtadm -C, default 0). Exit status and messages as tgtadm's.
use strict;
use Socket;
my $port = @ARGV ? $ARGV[0] : 0;
my $body = do { local $/; <STDIN> };
sub fail { print STDERR "tgtadm: $_[0]\n"; exit $_[1] }
fail('invalid request', 22)
  unless defined $body && $body =~ /\Auser=[^,\0]+,password=[^\0]+\z/;
$body .= "\0";
my $path = (defined $ENV{TGT_IPC_SOCKET} ? $ENV{TGT_IPC_SOCKET} : '/var/run/tgtd/socket') . ".$port";
socket(my $s, AF_UNIX, SOCK_STREAM, 0) or fail("can't create a socket, $!", 22);
connect($s, pack_sockaddr_un($path)) or fail("can't connect to tgt daemon at $path, $!", 107);
my $msg = pack('l l a64 L l x8 x8 L6', 7, 0, 'iscsi', 120 + length($body), -1, 0, 0, 0, 0, 0, 0) . $body;
for (my $done = 0; $done < length $msg;) {
  my $n = syswrite($s, $msg, length($msg) - $done, $done);
  fail("failed to send request to tgt daemon, $!", 22) unless $n;
  $done += $n;
}
my $rsp = '';
while (length($rsp) < 8) {
  my $n = sysread($s, $rsp, 8 - length($rsp), length($rsp));
  fail('tgtd closed the socket', 22) unless $n;
}
my ($err) = unpack('L L', $rsp);
exit 0 unless $err;
my @errors = ('success', 'unknown error', 'out of memory', "can't find the driver",
  "can't find the target", "can't find the logical unit", "can't find the session",
  "can't find the connection", "can't find the binding", 'this target already exists',
  'this logical unit number already exists', 'this binding already exists',
  'this access control rule already exists', 'this access control rule does not exist',
  'this account already exists', "can't find the account", 'too many accounts',
  'invalid request', 'this target already has an outgoing account',
  'this target is still active', 'this logical unit is still active', 'this driver is busy',
  "this operation isn't supported", 'unknown parameter', 'this device has Prevent Removal set');
fail(defined $errors[$err] ? $errors[$err] : '(unknown tgtadm_errno)', 22);
