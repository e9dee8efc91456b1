// TODO(web-core): the console's problem+json reader.
export declare function problemText(error: unknown): string;
