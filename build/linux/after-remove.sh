#!/bin/bash

# Delete the link to the binary
# update-alternatives --remove <name> <path>: 'path' must be the registered alternative binary,
# not the generic symlink — see https://man7.org/linux/man-pages/man1/update-alternatives.1.html
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'

# Remove and unload apparmor profile.
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  # Unload the profile from the running kernel before deleting the file so the
  # policy is not left enforced until the next reboot.  Mirror the chroot guard
  # used in the after-install script — live AppArmor operations are not
  # meaningful inside a chroot.
  # https://wiki.debian.org/AppArmor/HowToUse
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi
# ---------------------------------------------------------------------------------------------
# Cunban additions (everything above is electron-builder's after-remove.tpl, kept verbatim).
# dpkg runs this after both remove and upgrade; only a real removal takes the OS integration away,
# an upgrade's new after-install puts fresh copies in place.
# ---------------------------------------------------------------------------------------------
case "${1:-}" in
    remove | purge)
        rm -f /etc/udev/rules.d/99-cunban.rules \
            /usr/lib/systemd/user/cunban-kiosk.service \
            /usr/lib/cunban/cunban-kiosk-session \
            /usr/lib/cunban/cunban-install-update \
            /usr/lib/cunban/update-signing.pem \
            /usr/share/polkit-1/actions/cn.cunban.kiosk.install-update.policy \
            /usr/share/polkit-1/rules.d/50-cunban-install-update.rules \
            /var/lib/polkit-1/localauthority/10-vendor.d/50-cunban-install-update.pkla \
            /usr/share/polkit-1/rules.d/50-cunban-power.rules \
            /var/lib/polkit-1/localauthority/10-vendor.d/50-cunban-power.pkla
        rmdir /usr/lib/cunban 2>/dev/null || true
        if hash udevadm 2>/dev/null; then
            udevadm control --reload-rules || true
        fi
        ;;
esac
