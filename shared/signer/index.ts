export * from './signerErrors.js';
export * from './signerProtocol.js';
export * from './facilityCertificateRule.js';
