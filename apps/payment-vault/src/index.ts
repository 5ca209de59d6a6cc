export { createPaymentVaultApp } from './payment-vault.app';
