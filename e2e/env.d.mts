export declare const TMP_DIR: string;
export declare const AUTH_DIR: string;
export declare const ACCOUNTS: Record<"admin" | "operator" | "viewer", { email: string; password: string }>;
export declare const E2E_ENV: Record<string, string>;
