import { describe, expect, it } from 'vitest';
import { validateFormValues } from '../protocol/formValues';
import { loadCatalog } from './catalogSeed';

describe('seed catalogue (resources/catalog)', () => {
  it('holds 8–12 services that pass the protocol schema', async () => {
    const services = await loadCatalog();
    expect(services.length).toBeGreaterThanOrEqual(8);
    expect(services.length).toBeLessThanOrEqual(12);
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
    for (const s of services) {
      const ids = s.form.fields.map((f) => f.id);
      expect(new Set(ids).size, `${s.id} has duplicate field ids`).toBe(ids.length);
      expect(
        s.form.fields.some((f) => f.required),
        `${s.id} has no required field`,
      ).toBe(true);
      // An empty submission must fail on exactly the required fields.
      const problems = validateFormValues(s, {});
      expect(problems.map((p) => p.field).sort()).toEqual(
        s.form.fields
          .filter((f) => f.required)
          .map((f) => f.id)
          .sort(),
      );
    }
  });

  it('uses every field type somewhere', async () => {
    const types = new Set((await loadCatalog()).flatMap((s) => s.form.fields.map((f) => f.type)));
    for (const t of [
      'text',
      'number',
      'date',
      'singleChoice',
      'multipleChoice',
      'phone',
      'idNumber',
      'address',
      'bankAccount',
      'signature',
    ]) {
      expect(types.has(t as never), t).toBe(true);
    }
  });
});
