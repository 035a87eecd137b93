import { writeFileSync } from 'node:fs';
import { buildShippedIndex } from './pinyinIndexBuild';

// Development-time step: regenerates pinyinIndex.json after commonText.ts changes.
writeFileSync(new URL('./pinyinIndex.json', import.meta.url), `${JSON.stringify(buildShippedIndex())}\n`);
