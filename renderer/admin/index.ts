export { AdminConsole } from './AdminConsole';
export { AdminEntryCorner } from './AdminEntryCorner';
export { ClosedScreen } from './ClosedScreen';
export { PinPad } from './PinPad';
export { useRemoteSettings } from './useRemoteSettings';
