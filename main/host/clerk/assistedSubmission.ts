import { ContractError } from '../../../contract/define';
import type { ApplicationDraft } from '../../../contract/queue';
import { canCheckOriginal } from '../../../sync/protocol/credibilityLevel';
import type { ApplicationDocument } from '../../../sync/protocol/documents';

/** The clerk signed in on this kiosk now, with the full name the county registered. */
export interface AssistingClerk {
  clerkId: string;
  name: string;
}

/** What the queue needs from clerk mode to take an assisted application. */
export interface ClerkGate {
  assistingClerk(): AssistingClerk | null;
  /** Audit entry once the application is journaled (ids and counts only, no personal data). */
  assistedSubmitted(document: ApplicationDocument): Promise<void>;
}

/**
 * A renderer cannot name a clerk: an application that says it was assisted, or carries an
 * original check, is taken only while that clerk's session is live, and the host writes the
 * clerk's id and name itself. A villager's own application (no claim) passes unchanged.
 */
export function verifyAssistedDraft(draft: ApplicationDraft, live: AssistingClerk | null): ApplicationDraft {
  const claimed = draft.assistedBy ?? null;
  const checks = draft.materials.filter((m) => m.originalCheck);
  if (!claimed && checks.length === 0) return draft;
  if (!live) {
    throw new ContractError('forbidden', '工作人员登录已结束，请重新登录后再提交代办申请。');
  }
  if (!claimed || claimed.clerkId !== live.clerkId) {
    throw new ContractError('forbidden', '代办申请只能记在当前登录的工作人员名下。');
  }
  for (const m of checks) {
    if (m.originalCheck?.clerkId !== live.clerkId || !canCheckOriginal(m.credibility)) {
      throw new ContractError('forbidden', '核验原件只能由当前登录的工作人员标记在扫描件上。');
    }
  }
  return { ...draft, assistedBy: { ...claimed, clerkId: live.clerkId, name: live.name } };
}
