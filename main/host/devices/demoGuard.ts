import { ContractError } from '../../../contract/define';
import type { KioskConfig } from '../config/kioskConfig';

/** Demo controls (place a card, paper out…) exist only in the demo profile. */
export function requireDemo(config: KioskConfig): void {
  if (config.profile !== 'demo')
    throw new ContractError('forbidden', 'demo controls are only available in the demo profile');
}
