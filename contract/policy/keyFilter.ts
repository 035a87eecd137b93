/** A key press as Electron's before-input-event (and the renderer's keydown) describe it. */
export interface KeyInput {
  type: 'keyDown' | 'keyUp' | 'rawKeyDown' | 'char' | string;
  key: string;
  code?: string;
  control?: boolean;
  alt?: boolean;
  meta?: boolean;
  shift?: boolean;
}

/**
 * Keys a villager (or a keyboard left attached) must not be able to use: reload, DevTools, zoom,
 * print, find, save, open, view-source, close, fullscreen toggle, history navigation. Typing in
 * form fields (letters, digits, Backspace, Enter, arrows, Tab) passes.
 */
export function isBlockedKey(input: KeyInput): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const ctrl = !!(input.control || input.meta);
  if (/^F\d{1,2}$/.test(key)) return true; // F1 help, F5 reload, F11 fullscreen, F12 DevTools…
  if (input.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home'))
    return true;
  if (key === 'BrowserBack' || key === 'BrowserForward' || key === 'BrowserRefresh' || key === 'BrowserHome')
    return true;
  if (key === 'ContextMenu') return true;
  if (ctrl) {
    if (
      ['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'u', 'f', 'g', 'h', 'j', 'l', 'd', 'e', 'k', 'm'].includes(key)
    )
      return true;
    if (['=', '+', '-', '_', '0'].includes(key)) return true; // zoom
    if (input.shift && ['i', 'j', 'c', 'delete', 'Delete', 'n', 't', 'w'].includes(key)) return true;
    if (key === 'Tab' || key === 'PageUp' || key === 'PageDown') return true; // tab switching
  }
  return false;
}
