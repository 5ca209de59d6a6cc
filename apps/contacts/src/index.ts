export { createContactsApp } from './contacts.app';
