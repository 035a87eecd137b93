export { ClerkSignIn } from './ClerkSignIn';
export { ClerkWorkspace } from './ClerkWorkspace';
