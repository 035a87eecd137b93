import { createContext, useContext } from 'react';

/** The signed-in clerk as the journey may show and record them (name masked, e.g. 李*华). */
export interface AssistingClerk {
  clerkId: string;
  name: string;
}

/**
 * 代办: the clerk workspace runs one villager journey on the clerk's host session. The journey
 * records the clerk (the host replaces the name with the registered one), lets the clerk mark
 * originals checked, and hands the kiosk back to the workspace when it ends.
 */
export interface AssistMode {
  clerk: AssistingClerk;
  /** Audits one 已核验原件 mark (or its removal) under the clerk's session. */
  recordOriginalCheck(material: { materialId: string; sha256: string }, checked: boolean): void;
  /** The journey ended (finished, cancelled or timed out): back to the workspace. */
  finished(): void;
}

export interface ClerkModes {
  /** Set while the villager screens run for a clerk's assisted application. */
  assist: AssistMode | null;
  /** A villager asked for help: open clerk sign-in (their session is wiped first). */
  requestClerkSignIn(): void;
}

const noClerkModes: ClerkModes = { assist: null, requestClerkSignIn: () => undefined };

export const ClerkModesContext = createContext<ClerkModes>(noClerkModes);

export function useClerkModes(): ClerkModes {
  return useContext(ClerkModesContext);
}
