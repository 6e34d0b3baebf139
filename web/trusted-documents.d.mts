export declare const PERSISTED: string;
export declare const MANIFEST: string;
export declare function manifestOf(persisted: Record<string, string>): Record<string, string>;
export declare function persistedDocuments(): Record<string, string>;
