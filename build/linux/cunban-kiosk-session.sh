#!/bin/sh
# Kiosk session entry point, installed to /usr/lib/cunban/cunban-kiosk-session.
# The kiosk user's ~/.profile runs it on tty1 only (getty autologin, docs/os-lockdown.md):
#   [ "$(tty)" = /dev/tty1 ] && exec /usr/lib/cunban/cunban-kiosk-session
# It hands the logind session to the systemd user manager so cage (started from the user unit)
# can take the seat, starts the unit and waits; if the unit gives up, it keeps the console busy
# with a message instead of dropping to a shell a villager could use.
set -u
systemctl --user import-environment XDG_SESSION_ID XDG_VTNR XDG_SEAT XDG_RUNTIME_DIR
systemctl --user reset-failed cunban-kiosk.service 2>/dev/null
systemctl --user start cunban-kiosk.service
# While restarting, the unit is "activating"; only "failed"/"inactive" mean it gave up.
while :; do
  state=$(systemctl --user show --property=ActiveState --value cunban-kiosk.service)
  case "$state" in
    active | activating | reloading | deactivating) sleep 5 ;;
    *) break ;;
  esac
done
echo "村办自助终端已停止，请联系县级技术人员。 The Cunban kiosk stopped; see: journalctl --user -u cunban-kiosk"
# Never return to a login shell on the kiosk screen.
while :; do sleep 3600; done
