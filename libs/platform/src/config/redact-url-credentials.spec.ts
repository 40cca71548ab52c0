import { describe, expect, it } from '@jest/globals';
import { redactUrlCredentials } from './redact-url-credentials.js';

describe('redactUrlCredentials', () => {
  it.each([
    [
      'postgres://vigil:s3cret@db.internal:5432/vigil',
      'postgres://vigil:***@db.internal:5432/vigil',
    ],
    ['redis://:s3cret@127.0.0.1:6379/0', 'redis://:***@127.0.0.1:6379/0'],
    ['smtps://mailer:p%40ss@smtp.example.org', 'smtps://mailer:***@smtp.example.org'],
    ['postgres://vigil:p@ss@db/vigil', 'postgres://vigil:***@db/vigil'],
    [
      'postgres://vigil@db/vigil?password=s3cret&sslmode=require',
      'postgres://vigil@db/vigil?password=***&sslmode=require',
    ],
  ])('masks the password of %s', (url, expected) => {
    expect(redactUrlCredentials(url)).toBe(expected);
  });

  it.each([
    'redis://127.0.0.1:6379',
    'postgres://vigil@db.internal/vigil',
    'postgresql:///vigil?host=/var/run/postgresql',
    'not a url',
  ])('leaves %s without a password unchanged', (url) => {
    expect(redactUrlCredentials(url)).toBe(url);
  });
});
