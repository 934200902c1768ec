export * from './signerErrors.js';
export * from './signerProtocol.js';
