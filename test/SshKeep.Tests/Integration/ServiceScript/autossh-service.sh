#!/bin/bash
# The service script of the autossh guide our users follow (section 5 of its usage notes), run by
# ServiceScriptAgainstSshdTests against the real autossh 1.4g and against sshkeep installed as
# `autossh`. It is the guide's script word for word except for what reaches the test's
# throwaway sshd instead of user@remotehost:
#   -R 8080:localhost:80 user@remotehost
# became
#   -R "$REMOTE_PORT":localhost:80 $SSHD_OPTIONS "$SSHD_DESTINATION"
# (a free port, and the fixture's -F /dev/null -i KEY -o UserKnownHostsFile=… -p PORT; its
# paths hold no spaces). The test runs it in a private PID and mount namespace, where
# `killall -TERM autossh` sees only the test's processes and /var/log is a private tmpfs.
AUTOSSH_LOGFILE=/var/log/autossh.log
AUTOSSH_POLL=30
AUTOSSH_FIRST_POLL=60
AUTOSSH_GATETIME=0
AUTOSSH_PORT=0
AUTOSSH_DEBUG=yes
export AUTOSSH_LOGFILE AUTOSSH_POLL AUTOSSH_FIRST_POLL AUTOSSH_GATETIME AUTOSSH_PORT AUTOSSH_DEBUG
case "$1" in
 start)
  autossh -M 0 -o "ServerAliveInterval=30" -o "ServerAliveCountMax=3" -o "ConnectTimeout=10" -o "ExitOnForwardFailure=yes" -N -f -R "$REMOTE_PORT":localhost:80 $SSHD_OPTIONS "$SSHD_DESTINATION"
  ;;
 stop)
  killall -TERM autossh
  ;;
 restart)
  killall -TERM autossh
  autossh -M 0 -o "ServerAliveInterval=30" -o "ServerAliveCountMax=3" -o "ConnectTimeout=10" -o "ExitOnForwardFailure=yes" -N -f -R "$REMOTE_PORT":localhost:80 $SSHD_OPTIONS "$SSHD_DESTINATION"
  ;;
 *)
  echo "Usage: $0 {start|stop|restart}"
  exit 1
  ;;
esac
exit 0
