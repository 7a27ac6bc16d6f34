export declare const CLI_DIR: string;
export declare const cliOptions: import("esbuild").BuildOptions;
export declare function buildCli(): Promise<void>;
