export { SignerClient, type SignerClientEvent, type SignerClientOptions } from './signerClient.js';
export { defaultHostEntry, forkSignerHost, type ForkHostOptions, type HostProcess, type HostSpawner } from './hostProcess.js';
export { DEFAULT_RESTART_POLICY, restartDelay, type RestartPolicy } from './restartPolicy.js';
