import type { ContractHost } from '../../../contract/contractHost';
import { ContractError } from '../../../contract/define';
import type { KioskApi } from '../../../contract/kioskApi';

/** The KioskApi over a ContractHost in the same process (Node tests: no socket, same validation). */
export function inProcessKioskApi(contract: ContractHost): KioskApi {
  let id = 0;
  return {
    async request(name, input) {
      const res = await contract.dispatch({ kind: 'request', id: ++id, name, input });
      if (!res.ok) throw new ContractError(res.error.code, res.error.message);
      return res.output as never;
    },
    subscribe(name, listener) {
      return contract.onEvent((event) => {
        if (event.name === name) listener(event.payload as never);
      });
    },
  };
}
