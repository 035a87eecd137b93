/**
 * Masks for personal data on paper: a receipt may be left on the kiosk or thrown away, so it shows
 * just enough for the villager to recognise it as theirs. One implementation for screens, receipts
 * and logs lives in the contract.
 */
export { maskIdNumber, maskName, maskPhone } from '../../../contract/privacy/mask';
