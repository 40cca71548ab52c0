export class NotificationNotFoundError extends Error {
  constructor(readonly notificationId: string) {
    super(`no notification ${notificationId}`);
    this.name = 'NotificationNotFoundError';
  }
}

export class NotificationNotDeadLetteredError extends Error {
  constructor(readonly notificationId: string) {
    super(`notification ${notificationId} is not dead-lettered: only a dead letter is redelivered`);
    this.name = 'NotificationNotDeadLetteredError';
  }
}
