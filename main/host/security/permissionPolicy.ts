/**
 * Explicit permission allowlist. The only permission the kiosk grants is video capture for the
 * document camera (高拍仪), and only to the kiosk's own origin; everything else — microphone,
 * geolocation, notifications, USB/HID/serial from the web, clipboard, fullscreen requests from
 * content — is denied.
 */
export interface PermissionRequest {
  permission: string;
  requestingOrigin: string;
  /** For "media": which kinds were asked for (Electron's details.mediaTypes). */
  mediaTypes?: string[];
}

export function isPermissionAllowed(request: PermissionRequest, appOrigin: string): boolean {
  if (request.requestingOrigin !== appOrigin) return false;
  if (request.permission === 'media') {
    const types = request.mediaTypes ?? [];
    return types.length > 0 && types.every((t) => t === 'video');
  }
  // Permission *checks* (not requests) use the bare kind "camera"/"videoCapture" in some paths.
  return request.permission === 'camera' || request.permission === 'videoCapture';
}
