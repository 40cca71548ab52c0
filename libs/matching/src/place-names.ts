import { createRequire } from 'node:module';
import type { Countries, Country } from 'world-countries';

/**
 * Country names, capitals, demonyms and languages in English, lower case, from the
 * `world-countries` data set (mledoze/countries, ODbL-1.0): the words compromise's lexicon lacks
 * ("Turkish", "Tajik", "Managua"), so that `vigil watchlist build` never proposes a place or a
 * people as a name. Read at the first question (1.4 MB of JSON), so a process that never builds
 * a watchlist never holds it.
 */
let placeNames: ReadonlySet<string> | undefined;

function readPlaceNames(): ReadonlySet<string> {
  // The package's ES entry re-exports JSON without an import attribute, which Node refuses.
  const countries = createRequire(import.meta.url)('world-countries') as Countries;
  const names = countries.flatMap((country) => [
    country.name.common,
    country.name.official,
    // Codes ("UAE", "TJ") stay out: an acronym is read as the body it may be.
    ...country.altSpellings.filter((spelling) => spelling.length > 3),
    ...country.capital,
    ...demonymsOf(country),
    ...Object.values(country.languages),
  ]);
  // "Persian (Farsi)": each name of a language is one.
  const split = names.flatMap((name) => name.split(/[()]/u).map((part) => part.trim()));
  return new Set(split.filter((name) => name !== '').map((name) => name.toLowerCase()));
}

function demonymsOf(country: Country): string[] {
  const english = country.demonyms['eng'];
  return english ? [english.f, english.m] : [];
}

/** "turkish", "south korean", "dushanbe": a place, a people or a language, in any case. */
export function isKnownPlaceName(text: string): boolean {
  placeNames ??= readPlaceNames();
  return placeNames.has(text.toLowerCase());
}
