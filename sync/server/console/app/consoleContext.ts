import { createContext, useContext } from 'react';
import type { StaffApi } from './api/staffApi';
import type { ServiceDocument, StaffSession } from './api/types';

/** What every page needs: the API, who is signed in, and the catalogue for service names. */
export interface ConsoleContextValue {
  api: StaffApi;
  session: StaffSession;
  services: ServiceDocument[];
  /** Called when the gateway says the session is gone. */
  signedOut: () => void;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleContext');
  return value;
}

export function serviceName(services: ServiceDocument[], id: string): string {
  return services.find((s) => s.id === id)?.name.zh ?? id;
}
