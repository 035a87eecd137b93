import { type WedgeDecision, WedgeDetector, type WedgeOptions } from './wedgeDetector';

/**
 * DOM wiring for the wedge detector: listens to keydown on the window in the capture phase
 * (before any field sees the key), holds back fast bursts, hands complete scans to `onScan`,
 * and re-inserts held keys into the focused field when they turn out to be typing.
 * Returns the unsubscribe function.
 */
export function attachWedgeDetector(
  target: Window,
  onScan: (data: string) => void,
  options: WedgeOptions = {},
): () => void {
  const detector = new WedgeDetector(options);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const insertIntoFocused = (text: string) => {
    const el = target.document.activeElement;
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      const start = el.selectionStart ?? el.value.length;
      const end = el.selectionEnd ?? el.value.length;
      el.setRangeText(text, start, end, 'end');
      // React and plain listeners both pick the change up from a native input event.
      el.dispatchEvent(new InputEvent('input', { bubbles: true, data: text, inputType: 'insertText' }));
    }
  };

  const arm = () => {
    clearTimeout(timer);
    const deadline = detector.deadline;
    if (deadline === undefined) return;
    timer = setTimeout(
      () => {
        const text = detector.expire(target.performance.now());
        if (text) insertIntoFocused(text);
        arm();
      },
      Math.max(0, deadline - target.performance.now()),
    );
  };

  const apply = (event: KeyboardEvent, decision: WedgeDecision) => {
    if (decision.release) insertIntoFocused(decision.release);
    if (decision.preventDefault) {
      event.preventDefault();
      event.stopPropagation();
    }
    if (decision.scan) onScan(decision.scan);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // Shortcuts and IME composition are never scanner output.
    if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    apply(event, detector.onKey(event.key, event.timeStamp));
    arm();
  };

  target.addEventListener('keydown', onKeyDown, { capture: true });
  return () => {
    clearTimeout(timer);
    target.removeEventListener('keydown', onKeyDown, { capture: true });
  };
}
