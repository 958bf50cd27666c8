/*
 * Test helper for IetAccountScriptTest: the C side of ietadm's management request.
 *
 * The declarations below restate, member for member and in the same order and C types, the
 * structures and constants that IET 1.4.20.2 and 1.4.20.3 (iSCSI Enterprise Target, GPL v2;
 * identical in both: usr/ietadm.h, include/iet_u.h, usr/iscsid.h, usr/param.h, usr/types.h as
 * packaged by Debian, tags upstream/1.4.20.2 and upstream/1.4.20.3+svn499) use for the ietadm <->
 * ietd request. They are written for this test, not copied; the compiler lays them out as it lays
 * out IET's, so the bytes they produce are the bytes ietadm sends.
 *
 *   expect TID DIR USER PASS   write to stdout what ietadm's user_handle()/user_handle_new() put
 *                              on the socket for --op new --tid=TID --user
 *                              --params=(In|Out)goingUser=USER,Password=PASS (DIR 0 in, 1 out):
 *                              memset 0, tid, auth_dir, rcmnd C_ACCT_NEW, strncpy(size - 1)
 *   serve ERR FILE             bind the management socket exactly as ietd's
 *                              ietadm_request_listen() does, accept one connection, read one
 *                              struct ietadm_req, save it to FILE, answer it as
 *                              ietadm_request_handle() does (the request, then {err = ERR});
 *                              prints "listening" once bound; exit 3 if the name is taken
 *   sizes                      print sizeof(struct ietadm_req) and C_ACCT_NEW
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <netdb.h>
#include <unistd.h>

typedef uint32_t u32;
typedef uint64_t u64;

#define ISCSI_NAME_LEN 256 /* include/iet_u.h */
#define ISCSI_ARGS_LEN 2048 /* include/iet_u.h */
#define SESSION_KEY_LAST 19 /* include/iet_u.h: key_initial_r2t .. key_ifmarkint */
#define TARGET_KEY_LAST 5 /* include/iet_u.h: key_wthreads .. key_nop_timeout */
#define AUTH_DIR_INCOMING 0 /* usr/iscsid.h */
#define AUTH_DIR_OUTGOING 1
#define NAMESPACE "IET_ABSTRACT_NAMESPACE" /* usr/ietadm.h IETADM_NAMESPACE */

struct param { int state; unsigned int val; }; /* usr/param.h struct iscsi_param */

struct trgt_msg { /* struct msg_trgt */
  char name[ISCSI_NAME_LEN];
  char alias[ISCSI_NAME_LEN];
  u32 type;
  u32 session_partial;
  u32 target_partial;
  struct param session_param[SESSION_KEY_LAST];
  struct param target_param[TARGET_KEY_LAST];
};

struct acnt_msg { /* struct msg_acnt */
  u32 auth_dir;
  union {
    struct { char name[ISCSI_NAME_LEN]; char pass[ISCSI_NAME_LEN]; } user;
    struct { u32 alloc_len; u32 count; u32 overflow; } list;
  } u;
};

struct lunit_msg { char args[ISCSI_ARGS_LEN]; }; /* struct msg_lunit */
struct redir_msg { char dest[NI_MAXHOST + NI_MAXSERV + 4]; }; /* struct msg_redir */

enum cmnd { /* enum ietadm_cmnd */
  TRGT_NEW, TRGT_DEL, TRGT_UPDATE, TRGT_SHOW, TRGT_REDIRECT,
  SESS_NEW, SESS_DEL, SESS_UPDATE, SESS_SHOW,
  CONN_NEW, CONN_DEL, CONN_UPDATE, CONN_SHOW,
  LUNIT_NEW, LUNIT_DEL, LUNIT_UPDATE, LUNIT_SHOW,
  ACCT_NEW, ACCT_DEL, ACCT_UPDATE, ACCT_SHOW,
  SYS_NEW, SYS_DEL, SYS_UPDATE, SYS_SHOW,
  ACCT_LIST,
};

struct req { /* struct ietadm_req */
  enum cmnd rcmnd;
  u32 tid;
  u64 sid;
  u32 cid;
  u32 lun;
  union {
    struct trgt_msg trgt;
    struct acnt_msg acnt;
    struct lunit_msg lunit;
    struct redir_msg redir;
  } u;
};

struct rsp { int err; }; /* struct ietadm_rsp */

static int expect(char **argv) {
  struct req req;
  memset(&req, 0, sizeof(req));
  req.tid = strtoul(argv[0], NULL, 10);
  req.u.acnt.auth_dir = atoi(argv[1]) ? AUTH_DIR_OUTGOING : AUTH_DIR_INCOMING;
  req.rcmnd = ACCT_NEW;
  strncpy(req.u.acnt.u.user.name, argv[2], sizeof(req.u.acnt.u.user.name) - 1);
  strncpy(req.u.acnt.u.user.pass, argv[3], sizeof(req.u.acnt.u.user.pass) - 1);
  return fwrite(&req, sizeof(req), 1, stdout) == 1 ? 0 : 1;
}

static int serve(char **argv) {
  struct sockaddr_un addr;
  struct req req;
  struct rsp rsp;
  struct iovec iov[2];
  size_t got = 0;
  int fd = socket(AF_LOCAL, SOCK_STREAM, 0), c;
  FILE *out;
  if (fd < 0) return 2;
  memset(&addr, 0, sizeof(addr));
  addr.sun_family = AF_LOCAL;
  memcpy((char *) &addr.sun_path + 1, NAMESPACE, strlen(NAMESPACE));
  if (bind(fd, (struct sockaddr *) &addr, sizeof(addr)) < 0) return errno == EADDRINUSE ? 3 : 2;
  if (listen(fd, 32) < 0) return 2;
  printf("listening\n");
  fflush(stdout);
  if ((c = accept(fd, NULL, NULL)) < 0) return 2;
  while (got < sizeof(req)) {
    ssize_t n = read(c, (char *) &req + got, sizeof(req) - got);
    if (n <= 0) break;
    got += n;
  }
  if (!(out = fopen(argv[1], "wb")) || fwrite(&req, 1, got, out) != got || fclose(out)) return 2;
  if (got != sizeof(req)) return 4;
  rsp.err = atoi(argv[0]);
  iov[0].iov_base = &req;
  iov[0].iov_len = sizeof(req);
  iov[1].iov_base = &rsp;
  iov[1].iov_len = sizeof(rsp);
  if (writev(c, iov, 2) != (ssize_t) (sizeof(req) + sizeof(rsp))) return 2;
  close(c);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 6 && !strcmp(argv[1], "expect")) return expect(argv + 2);
  if (argc == 4 && !strcmp(argv[1], "serve")) return serve(argv + 2);
  if (argc == 2 && !strcmp(argv[1], "sizes")) {
    printf("%zu %d\n", sizeof(struct req), ACCT_NEW);
    return 0;
  }
  fprintf(stderr, "usage: ietadm-req expect TID DIR USER PASS | serve ERR FILE | sizes\n");
  return 2;
}
