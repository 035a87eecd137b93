import { writeFileSync } from 'node:fs';
import { buildShippedIndex } from '../renderer/journey/fields/pinyinIndexBuild';

// Development-time step (a Node script, so it lives outside renderer/): regenerates the shipped
// pinyin index after renderer/journey/fields/commonText.ts changes. A unit test fails when the
// shipped file is out of date.
writeFileSync(
  new URL('../renderer/journey/fields/pinyinIndex.json', import.meta.url),
  `${JSON.stringify(buildShippedIndex())}\n`,
);
