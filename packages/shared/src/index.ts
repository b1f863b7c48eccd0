export * from './roles.js';
export * from './permissions.js';
export * from './audit.js';
export * from './identity.js';
export * from './credit-code.js';
export * from './change.js';
