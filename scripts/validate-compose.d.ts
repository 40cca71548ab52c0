/** The problems of a compose document (YAML text), one line each; empty when it is valid. */
export declare function composeProblems(text: string): string[];
