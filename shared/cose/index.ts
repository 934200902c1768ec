export * from './cose.js';
