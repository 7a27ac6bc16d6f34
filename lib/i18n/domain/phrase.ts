/**
 * English text as the domain layer writes it (shared with the CLI and the API, which stay in
 * English) and its Chinese. `{name}` in the English matches any text, which the Chinese repeats
 * under the same name: ["Order {number} added.", "订单 {number} 已添加。"].
 */
export type Phrases = readonly (readonly [en: string, zh: string])[];
