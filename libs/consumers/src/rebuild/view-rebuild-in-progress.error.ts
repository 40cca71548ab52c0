/** A rebuild of the view is already requested or running: one at a time per view. */
export class ViewRebuildInProgressError extends Error {
  constructor(readonly view: string) {
    super(`a rebuild of ${view} is already requested or running`);
    this.name = 'ViewRebuildInProgressError';
  }
}
