#!/bin/bash

if type update-alternatives >/dev/null 2>&1; then
    # Remove previous link if it doesn't use update-alternatives
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 || ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# Install apparmor profile. (Ubuntu 24+)
# First check if the version of AppArmor running on the device supports our profile.
# This is in order to keep backwards compatibility with Ubuntu 22.04 which does not support abi/4.0.
# In that case, we just skip installing the profile since the app runs fine without it on 22.04.
#
# Those apparmor_parser flags are akin to performing a dry run of loading a profile.
# https://wiki.debian.org/AppArmor/HowToUse#Dumping_profiles
#
# Unfortunately, at the moment AppArmor doesn't have a good story for backwards compatibility.
# https://askubuntu.com/questions/1517272/writing-a-backwards-compatible-apparmor-profile
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"

    # Updating the current AppArmor profile is not possible and probably not meaningful in a chroot'ed environment.
    # Use cases are for example environments where images for clients are maintained.
    # There, AppArmor might correctly be installed, but live updating makes no sense.
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      # Extra flags taken from dh_apparmor:
      # > By using '-W -T' we ensure that any abstraction updates are also pulled in.
      # https://wiki.debian.org/AppArmor/Contribute/FirstTimeProfileImport
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi

# ---------------------------------------------------------------------------------------------
# Cunban additions. Everything above is electron-builder's own after-install.tpl (26.17.0),
# kept verbatim: it sets up the /usr/bin link, the chrome-sandbox mode and the AppArmor profile.
# build/afterInstall.test.ts checks that the template part stays intact.
# ---------------------------------------------------------------------------------------------
CUNBAN_RESOURCES='/opt/${sanitizedProductName}/resources/linux'

# Devices are group-owned by `cunban` (udev rules below); the polkit rule lets the same group
# run the update helper. IT staff name the kiosk account in /etc/default/cunban (KIOSK_USER=...).
if ! getent group cunban >/dev/null 2>&1; then
    groupadd --system cunban || true
fi
KIOSK_USER=''
if [ -r /etc/default/cunban ]; then
    KIOSK_USER=$(sed -n 's/^KIOSK_USER=\([a-z_][a-z0-9_-]*\)$/\1/p' /etc/default/cunban | tail -n 1)
fi
if [ -n "$KIOSK_USER" ] && getent passwd "$KIOSK_USER" >/dev/null 2>&1; then
    usermod -a -G cunban "$KIOSK_USER" || true
fi

# udev rules: serial bridges, ID card readers, scanners, receipt printers.
install -D -m 0644 "$CUNBAN_RESOURCES/99-cunban.rules" /etc/udev/rules.d/99-cunban.rules
if hash udevadm 2>/dev/null && ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; }; then
    udevadm control --reload-rules || true
    # Re-apply to devices already plugged in so a reboot is not needed.
    for subsystem in tty usb hidraw usbmisc; do
        udevadm trigger --action=change --subsystem-match="$subsystem" || true
    done
fi

# Kiosk session: systemd user unit running the app under cage, and the session entry script.
install -D -m 0644 "$CUNBAN_RESOURCES/cunban-kiosk.service" /usr/lib/systemd/user/cunban-kiosk.service
install -D -m 0755 "$CUNBAN_RESOURCES/cunban-kiosk-session.sh" /usr/lib/cunban/cunban-kiosk-session

# Unattended updates: a root helper that installs only packages named `cunban`, reachable via pkexec.
install -D -m 0755 -o root -g root "$CUNBAN_RESOURCES/cunban-install-update" /usr/lib/cunban/cunban-install-update
# The county's release public key; without it the helper refuses every update (docs/packaging.md).
if [ -f "$CUNBAN_RESOURCES/update-signing.pem" ]; then
    install -D -m 0644 -o root -g root "$CUNBAN_RESOURCES/update-signing.pem" /usr/lib/cunban/update-signing.pem
fi
install -D -m 0644 "$CUNBAN_RESOURCES/cn.cunban.kiosk.install-update.policy" /usr/share/polkit-1/actions/cn.cunban.kiosk.install-update.policy
if [ -d /usr/share/polkit-1/rules.d ] || hash pkaction 2>/dev/null; then
    install -D -m 0644 "$CUNBAN_RESOURCES/50-cunban-install-update.rules" /usr/share/polkit-1/rules.d/50-cunban-install-update.rules
fi
if [ -d /var/lib/polkit-1/localauthority ]; then
    install -D -m 0644 "$CUNBAN_RESOURCES/50-cunban-install-update.pkla" /var/lib/polkit-1/localauthority/10-vendor.d/50-cunban-install-update.pkla
fi
# The county's scheduled power-off and reboot (systemctl poweroff|reboot through logind).
if [ -d /usr/share/polkit-1/rules.d ] || hash pkaction 2>/dev/null; then
    install -D -m 0644 "$CUNBAN_RESOURCES/50-cunban-power.rules" /usr/share/polkit-1/rules.d/50-cunban-power.rules
fi
if [ -d /var/lib/polkit-1/localauthority ]; then
    install -D -m 0644 "$CUNBAN_RESOURCES/50-cunban-power.pkla" /var/lib/polkit-1/localauthority/10-vendor.d/50-cunban-power.pkla
fi
