/** The English dictionary: the same keys as vi.ts (the type makes a missing or extra key an error). */
import type { MessageKey } from './vi.js';
export declare const en: Record<MessageKey, string>;
