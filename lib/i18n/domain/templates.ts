// Chinese for the templates messages the domain layer writes in English (see index.ts for the format).
import type { Phrases } from "./phrase";

export const phrases: Phrases = [];
