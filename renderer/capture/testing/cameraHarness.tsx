import { createRoot } from 'react-dom/client';
import type { CapturedPage } from '../cameraCapture';
import { DocumentCamera } from '../DocumentCamera';
import { attachWedgeDetector } from '../wedgeKeyboard';

/**
 * Test page for the Playwright camera test: one camera for an ID card without consent (must
 * refuse without opening the camera) and one for a household register (must capture).
 */
declare global {
  interface Window {
    __captured?: { width: number; height: number; cropped: boolean; type: string; base64: string };
    __getUserMediaCalls?: number;
    __scans?: string[];
  }
}

// Count camera openings, to prove the refused request never asks for the camera.
const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
window.__getUserMediaCalls = 0;
navigator.mediaDevices.getUserMedia = (constraints) => {
  window.__getUserMediaCalls = (window.__getUserMediaCalls ?? 0) + 1;
  return original(constraints);
};

async function report(page: CapturedPage) {
  const bytes = new Uint8Array(await page.jpeg.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  window.__captured = {
    width: page.width,
    height: page.height,
    cropped: page.cropped,
    type: page.jpeg.type,
    base64: btoa(binary),
  };
}

// Keyboard-wedge scanner detection on the same page: scans are collected, typing reaches the field.
window.__scans = [];
// The gap limit is doubled from the default: on a loaded CI machine Chromium's input pipeline
// can bunch keys with ~40 ms pauses. Timing edge cases are covered by wedgeDetector.test.ts.
attachWedgeDetector(window, (data) => window.__scans!.push(data), { maxGapMs: 100 });

function App() {
  return (
    <>
      <input id="name-field" aria-label="姓名" />
      <section id="refused">
        <DocumentCamera request={{ material: 'id-card' }} onConfirm={() => undefined} />
      </section>
      <section id="register">
        <DocumentCamera
          request={{ material: 'household-register' }}
          onConfirm={(page) => void report(page)}
        />
      </section>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
