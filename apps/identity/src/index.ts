export { createIdentityApp } from './identity.app';
