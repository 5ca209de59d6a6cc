export { createRetentionApp } from './retention.app';
