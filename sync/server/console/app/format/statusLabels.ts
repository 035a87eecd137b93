import type { ApplicationStatus } from '../../../../protocol/documents';

/** Words staff use at the counter for each status; the tone picks the badge colour (never the only cue). */
export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '待收件',
  received: '已收件',
  accepted: '已受理',
  correctionRequired: '待补正',
  completed: '已办结',
  notAccepted: '不予受理',
  rejected: '系统退回',
};

export type StatusTone = 'new' | 'working' | 'waiting' | 'done' | 'refused';

const TONES: Record<ApplicationStatus, StatusTone> = {
  submitted: 'new',
  received: 'new',
  accepted: 'working',
  correctionRequired: 'waiting',
  completed: 'done',
  notAccepted: 'refused',
  rejected: 'refused',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as ApplicationStatus] ?? status;
}

export function statusTone(status: string): StatusTone {
  return TONES[status as ApplicationStatus] ?? 'new';
}

/** Statuses offered in the list filter, in the order work flows through them. */
export const FILTERABLE_STATUSES: ApplicationStatus[] = [
  'received',
  'accepted',
  'correctionRequired',
  'completed',
  'notAccepted',
  'rejected',
];

export type StaffAction = 'accept' | 'requestCorrection' | 'complete' | 'refuse';

export interface ActionSpec {
  action: StaffAction;
  label: string;
  /** 补正 and 不予受理 must say why; the gateway refuses them without a note. */
  noteRequired: boolean;
  notePrompt: string;
  /** Statuses the gateway allows this action from (mirrors ALLOWED_FROM in staffRoutes.ts). */
  from: ApplicationStatus[];
}

export const ACTIONS: ActionSpec[] = [
  {
    action: 'accept',
    label: '受理',
    noteRequired: false,
    notePrompt: '备注（可不填）',
    from: ['received', 'correctionRequired'],
  },
  {
    action: 'requestCorrection',
    label: '补正',
    noteRequired: true,
    notePrompt: '需要补充什么（会显示给申请人）',
    from: ['received', 'accepted'],
  },
  {
    action: 'complete',
    label: '办结',
    noteRequired: false,
    notePrompt: '办理结果（可不填）',
    from: ['accepted'],
  },
  {
    action: 'refuse',
    label: '不予受理',
    noteRequired: true,
    notePrompt: '不予受理的理由（会显示给申请人）',
    from: ['received', 'correctionRequired', 'accepted'],
  },
];

export function actionsFor(status: string): ActionSpec[] {
  return ACTIONS.filter((a) => (a.from as string[]).includes(status));
}

export function actionSpec(action: StaffAction): ActionSpec {
  return ACTIONS.find((a) => a.action === action)!;
}

/** Returns the problem in words, or null when the note is acceptable for this action. */
export function noteProblem(action: StaffAction, note: string): string | null {
  const spec = actionSpec(action);
  if (spec.noteRequired && note.trim() === '') return `${spec.label}需要写明原因。`;
  if (note.length > 1000) return '备注不能超过1000字。';
  return null;
}
