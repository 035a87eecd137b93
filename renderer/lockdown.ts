import { isBlockedKey } from '../contract/policy/keyFilter';

/**
 * In-page lockdown, the same in both hosts (the Electron shell adds its own main-process filters
 * on top): no context menu, no text selection outside inputs, no pinch or Ctrl+wheel zoom, no
 * dropping files onto the page, no browser shortcuts, no middle-click or modified-click links.
 */
export function installLockdown(doc: Document = document): () => void {
  const win = doc.defaultView ?? window;
  const cancel = (event: Event) => event.preventDefault();
  const isEditable = (target: EventTarget | null) =>
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA)$/.test(target.tagName));

  const listeners: [EventTarget, string, EventListener, AddEventListenerOptions?][] = [
    [doc, 'contextmenu', cancel],
    [doc, 'selectstart', (e) => !isEditable(e.target) && e.preventDefault()],
    [doc, 'dragstart', cancel],
    [doc, 'dragover', cancel],
    [doc, 'drop', cancel],
    [doc, 'gesturestart', cancel],
    [doc, 'auxclick', cancel],
    [win, 'wheel', (e) => (e as WheelEvent).ctrlKey && e.preventDefault(), { passive: false }],
    [doc, 'touchmove', (e) => (e as TouchEvent).touches.length > 1 && e.preventDefault(), { passive: false }],
    [
      doc,
      'keydown',
      (e) => {
        const k = e as KeyboardEvent;
        if (
          isBlockedKey({
            type: 'keyDown',
            key: k.key,
            control: k.ctrlKey,
            alt: k.altKey,
            meta: k.metaKey,
            shift: k.shiftKey,
          })
        ) {
          k.preventDefault();
          k.stopPropagation();
        }
      },
      { capture: true },
    ],
    [
      doc,
      'click',
      (e) => {
        // Links never leave the app: no modified clicks (new tab/window), no external targets.
        const anchor = (e.target as Element | null)?.closest?.('a');
        if (!anchor) return;
        const m = e as MouseEvent;
        const external = anchor.origin !== win.location.origin;
        if (external || m.ctrlKey || m.shiftKey || m.metaKey || anchor.target === '_blank')
          e.preventDefault();
      },
      { capture: true },
    ],
  ];
  for (const [target, type, fn, opts] of listeners) target.addEventListener(type, fn, opts);
  // window.open never opens anything in the kiosk.
  const originalOpen = win.open;
  win.open = () => null;
  return () => {
    for (const [target, type, fn, opts] of listeners) target.removeEventListener(type, fn, opts);
    win.open = originalOpen;
  };
}
