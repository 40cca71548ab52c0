/** Ends every exhaustive switch: adding a case to a union then fails to compile until handled. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
