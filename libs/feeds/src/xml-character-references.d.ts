/** Types of xml-character-references.js, plain JavaScript for the parser's worker thread. */
export declare function replaceForbiddenCharacterReferences(xml: string): string;
