export declare function currentCli(dir: string, root: string): string | undefined;
