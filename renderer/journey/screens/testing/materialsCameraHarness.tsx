import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '../../../i18n/setup';
import { seedCatalog } from '../../catalog/catalogData';
import type { CapturedMaterial, MaterialCaptureRequest } from '../../journeyTypes';
import { MaterialsScreen } from '../MaterialsScreen';

/**
 * Test page for the materials screen's document-camera path in real Chromium (fake camera): the
 * screen as the journey mounts it, with a camera port that records what it was asked to store.
 */
declare global {
  interface Window {
    __stored?: Array<{
      materialId: string;
      material: MaterialCaptureRequest;
      type: string;
      bytes: number;
      head: number[];
    }>;
    __getUserMediaCalls?: number;
  }
}

const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
window.__getUserMediaCalls = 0;
navigator.mediaDevices.getUserMedia = (constraints) => {
  window.__getUserMediaCalls = (window.__getUserMediaCalls ?? 0) + 1;
  return original(constraints);
};
window.__stored = [];

setupI18n();
const service = seedCatalog.find((s) => s.id === 'S06-gaoling-jintie')!;

function Harness() {
  const [materials, setMaterials] = useState<Record<string, CapturedMaterial>>({});
  return (
    <MaterialsScreen
      service={service}
      materials={materials}
      idCardFromChip={false}
      idCopyConsented={new URLSearchParams(location.search).has('consented')}
      capture={async () => {
        throw Object.assign(new Error('no scanner'), { messageZh: '没有找到扫描仪，请找工作人员' });
      }}
      camera={{
        async store(request, jpeg) {
          const bytes = new Uint8Array(await jpeg.arrayBuffer());
          window.__stored!.push({
            materialId: request.materialId,
            material: request,
            type: jpeg.type,
            bytes: bytes.length,
            head: Array.from(bytes.subarray(0, 3)),
          });
          return {
            previewUrl: URL.createObjectURL(jpeg),
            sha256: 'c'.repeat(64),
            size: bytes.length,
            contentType: 'image/jpeg',
            credibility: 'photo',
            verified: false,
          };
        },
      }}
      onCaptured={(m) => setMaterials((all) => ({ ...all, [m.materialId]: m }))}
      onDone={() => undefined}
      onBack={() => undefined}
      onEnd={() => undefined}
    />
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
