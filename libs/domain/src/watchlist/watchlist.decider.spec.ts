import { describe, expect, it } from '@jest/globals';
import type { KnownNewEvent, WatchlistChanged, WatchlistDefinitionData } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import { type WatchlistCommand, watchlistDecider } from './watchlist.decider.js';

const spec = deciderSpec(watchlistDecider, 'watchlist');

function definition(query: string): WatchlistDefinitionData {
  return {
    aliases: {},
    topics: [
      { id: 'red-notice-abuse', title: 'Red Notice abuse', rules: [{ id: 'r', query, weight: 1 }] },
    ],
  };
}

const FILE_V1 = definition('"red notice"');
const FILE_V2 = definition('"red notice" AND interpol');
const ADMIN = definition('"red notice" NEAR/5 abuse');

const change = (
  source: WatchlistChanged['source'],
  hash: string,
  defined: WatchlistDefinitionData,
): WatchlistCommand => ({ type: 'change', source, hash, definition: defined });
const changed = (
  source: WatchlistChanged['source'],
  hash: string,
  defined: WatchlistDefinitionData,
): KnownNewEvent => ({ type: 'watchlist.changed', data: { source, hash, definition: defined } });

describe('watchlist decider', () => {
  describe('change from the file', () => {
    it('records the first watchlist', () => {
      spec
        .given()
        .when(change('file', 'h1', FILE_V1))
        .then([changed('file', 'h1', FILE_V1)]);
    });

    it('records nothing when the file is the one last recorded from it', () => {
      spec
        .given(changed('file', 'h1', FILE_V1))
        .when(change('file', 'h1', FILE_V1))
        .then([]);
    });

    it('records a file that changed', () => {
      spec
        .given(changed('file', 'h1', FILE_V1))
        .when(change('file', 'h2', FILE_V2))
        .then([changed('file', 'h2', FILE_V2)]);
    });

    it("leaves an admin's edit in force while the file is unchanged", () => {
      spec
        .given(changed('file', 'h1', FILE_V1), changed('admin', 'ha', ADMIN))
        .when(change('file', 'h1', FILE_V1))
        .then([]);
    });

    it("records the file over an admin's edit once the file changed", () => {
      spec
        .given(changed('file', 'h1', FILE_V1), changed('admin', 'ha', ADMIN))
        .when(change('file', 'h2', FILE_V2))
        .then([changed('file', 'h2', FILE_V2)]);
    });

    it('records the file after an admin-only history, even with the same definition', () => {
      spec
        .given(changed('admin', 'h1', FILE_V1))
        .when(change('file', 'h1', FILE_V1))
        .then([changed('file', 'h1', FILE_V1)]);
    });
  });

  describe('change by an admin', () => {
    it('records every change, even one equal to the watchlist in force', () => {
      spec
        .given()
        .when(change('admin', 'ha', ADMIN))
        .then([changed('admin', 'ha', ADMIN)]);
      spec
        .given(changed('admin', 'ha', ADMIN))
        .when(change('admin', 'ha', ADMIN))
        .then([changed('admin', 'ha', ADMIN)]);
      spec
        .given(changed('file', 'h1', FILE_V1))
        .when(change('admin', 'h1', FILE_V1))
        .then([changed('admin', 'h1', FILE_V1)]);
    });
  });

  describe('state', () => {
    it('holds the version in force and the hash last recorded from the file', () => {
      expect(spec.given().state).toEqual({ version: 0, lastFileHash: null });
      expect(
        spec.given(changed('file', 'h1', FILE_V1), changed('admin', 'ha', ADMIN)).state,
      ).toEqual({ version: 2, lastFileHash: 'h1' });
      expect(
        spec.given(changed('admin', 'ha', ADMIN), changed('file', 'h2', FILE_V2)).state,
      ).toEqual({ version: 2, lastFileHash: 'h2' });
    });
  });
});
