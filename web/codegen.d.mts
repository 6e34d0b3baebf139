export declare const OPERATIONS: string;
export declare const GENERATED: string;
export declare function generate(): Promise<{ path: string; content: string }[]>;
export declare function stale(): Promise<string[]>;
