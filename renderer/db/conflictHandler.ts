import type { RxConflictHandler } from 'rxdb';

/**
 * Ownership, not "last write wins": the kiosk wrote the submitted content once and never changes
 * it; the county owns status fields. Two states are equal when the county-owned fields agree
 * (the kiosk's copy is masked, so comparing content would always differ); a conflict keeps the
 * kiosk's content and takes every county field from the county's master.
 */
export function ownershipConflictHandler(
  countyFields: readonly string[],
): RxConflictHandler<Record<string, unknown>> {
  const pick = (doc: Record<string, unknown>) =>
    JSON.stringify([doc.id, doc._deleted ?? false, ...countyFields.map((f) => doc[f] ?? null)]);
  return {
    isEqual: (a, b) => pick(a as Record<string, unknown>) === pick(b as Record<string, unknown>),
    resolve: async ({ realMasterState, newDocumentState }) => {
      const resolved: Record<string, unknown> = { ...newDocumentState, _deleted: realMasterState._deleted };
      for (const f of countyFields) resolved[f] = (realMasterState as Record<string, unknown>)[f] ?? null;
      return resolved as typeof newDocumentState;
    },
  };
}
