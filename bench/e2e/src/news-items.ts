/**
 * The items the bench's feeds publish: a share on the watchlist (a critic held on a politically
 * motivated INTERPOL Red Notice, which the default watchlist's `red-notice-abuse` topic matches),
 * many near-misses that share its words (a fraud suspect on a Red Notice, an exiled chef, a
 * journalists' union) and ordinary news. Each item names a person of its own, so that items on
 * the watchlist are separate stories or corroborations, never syndicated copies of one another.
 */

export type ItemKind = 'watchlist' | 'near-miss' | 'other';

export interface BenchItem {
  readonly kind: ItemKind;
  readonly guid: string;
  /** Unique per item: the key from an item's publication to its receipts. */
  readonly url: string;
  readonly title: string;
  readonly summary: string;
}

/** The topic every bench subscriber follows. */
export const BENCH_TOPIC = 'red-notice-abuse';

const FIRST_NAMES = [
  'Arman',
  'Leyla',
  'Tomas',
  'Nadia',
  'Emre',
  'Sofia',
  'Karim',
  'Irena',
  'Pavel',
  'Zara',
];
const SYLLABLES = ['ka', 'lo', 'vi', 'mar', 'ten', 'sul', 'dro', 'ne', 'bar', 'quin', 'zo', 'hel'];
const PLACES = ['Lisbon', 'Nairobi', 'Warsaw', 'Jakarta', 'Bogota', 'Tbilisi', 'Geneva', 'Oslo'];
const STATES = ['Tajikistan', 'Turkmenistan', 'Belarus', 'Bahrain', 'Rwanda', 'Egypt'];
const CRITICS = [
  'Exiled journalist',
  'Opposition blogger',
  'Dissident lawyer',
  'Human rights activist',
];

const NEAR_MISSES = [
  (name: string, place: string) => ({
    title: `Police in ${place} arrest fraud suspect ${name} wanted on INTERPOL Red Notice for embezzlement`,
    summary: `Prosecutors say ${name} moved company funds abroad; extradition hearings begin next month.`,
  }),
  (name: string, place: string) => ({
    title: `Exiled chef ${name} opens restaurant in ${place} to acclaim`,
    summary: `Critics praised the menu; ${name} left home a decade ago and now employs twenty people.`,
  }),
  (name: string, place: string) => ({
    title: `Journalists union elects ${name} president at congress in ${place}`,
    summary: `Delegates debated pay and newsroom safety before the vote, which ${name} won narrowly.`,
  }),
];

const OTHER = [
  (name: string, place: string) => ({
    title: `${place} council approves new tram line after ${name} report`,
    summary: `The line will open in three years; engineers led by ${name} expect forty thousand riders a day.`,
  }),
  (name: string, place: string) => ({
    title: `Court in ${place} hears appeal of businessman ${name} accused of tax evasion`,
    summary: `The appeal turns on the valuation of shares ${name} sold in 2019.`,
  }),
];

/** A name no other item of the run carries: `index` written in syllables. */
function personName(index: number): string {
  let rest = index;
  let surname = '';
  do {
    surname += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  const first = FIRST_NAMES[index % FIRST_NAMES.length] ?? 'Arman';
  return `${first} ${surname.charAt(0).toUpperCase()}${surname.slice(1)}`;
}

function pick<T>(values: readonly T[], index: number): T {
  return values[index % values.length] as T;
}

/**
 * Item `index` of a run. `watchlistShare` of the items are on the watchlist, spread evenly; of
 * the rest, two in three are near-misses.
 */
export function benchItem(runId: string, index: number, watchlistShare: number): BenchItem {
  const onWatchlist = Math.floor((index + 1) * watchlistShare) > Math.floor(index * watchlistShare);
  const name = personName(index);
  const place = pick(PLACES, index);
  const guid = `tag:bench.example,2026:${runId}/${index}`;
  const url = `https://news.example.org/${runId}/${index}`;
  if (onWatchlist) {
    const state = pick(STATES, index);
    return {
      kind: 'watchlist',
      guid,
      url,
      title: `${pick(CRITICS, index)} ${name} detained in ${place} on INTERPOL Red Notice requested by ${state}`,
      summary: `Lawyers for ${name} call the request politically motivated and ask the court to refuse extradition.`,
    };
  }
  const nearMiss = index % 3 !== 0;
  const text = nearMiss ? pick(NEAR_MISSES, index)(name, place) : pick(OTHER, index)(name, place);
  return { kind: nearMiss ? 'near-miss' : 'other', guid, url, ...text };
}
