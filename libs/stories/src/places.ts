/**
 * Reports of one event name its places differently: `Turkey`, `Turkish`, `Ankara`. Each word
 * here stands for its country's key, so they meet in the likeness. The countries are those the
 * watchlist's stories most often involve; a missing one only loses this help.
 */
const COUNTRIES: Readonly<Record<string, string>> = {
  afghanistan: 'afghan kabul',
  australia: 'australian canberra',
  bahrain: 'bahraini manama',
  bangladesh: 'bangladeshi dhaka',
  belarus: 'belarusian minsk',
  belgium: 'belgian brussels',
  brazil: 'brazilian brasilia',
  bulgaria: 'bulgarian sofia',
  cambodia: 'cambodian phnom penh',
  canada: 'canadian ottawa',
  china: 'chinese beijing prc',
  egypt: 'egyptian cairo',
  eritrea: 'eritrean asmara',
  france: 'french paris',
  germany: 'german berlin',
  hongkong: 'hong kong hongkonger hongkongers',
  india: 'indian delhi',
  iran: 'iranian tehran',
  ireland: 'irish dublin',
  italy: 'italian rome',
  kazakhstan: 'kazakh astana',
  korea: 'korean koreans seoul',
  kuwait: 'kuwaiti',
  kyrgyzstan: 'kyrgyz bishkek',
  lithuania: 'lithuanian vilnius',
  malaysia: 'malaysian kuala lumpur',
  montenegro: 'montenegrin podgorica',
  morocco: 'moroccan rabat',
  netherlands: 'dutch hague amsterdam',
  nicaragua: 'nicaraguan managua',
  pakistan: 'pakistani islamabad',
  poland: 'polish warsaw',
  qatar: 'qatari doha',
  russia: 'russian moscow kremlin',
  rwanda: 'rwandan kigali',
  saudi: 'saudi riyadh arabia',
  serbia: 'serbian belgrade',
  spain: 'spanish madrid',
  sweden: 'swedish stockholm',
  tajikistan: 'tajik dushanbe',
  thailand: 'thai bangkok',
  turkey: 'turkish ankara turkiye',
  turkmenistan: 'turkmen ashgabat',
  uae: 'emirati emirates abu dhabi dubai',
  uk: 'british britain london',
  ukraine: 'ukrainian kyiv kiev',
  us: 'american washington usa',
  uzbekistan: 'uzbek tashkent',
  venezuela: 'venezuelan caracas',
  vietnam: 'vietnamese hanoi',
  xinjiang: 'uyghur uyghurs uighur uighurs',
};

const KEY_OF_WORD = new Map<string, string>(
  Object.entries(COUNTRIES).flatMap(([key, words]) => [
    [key, key] as const,
    ...words.split(' ').map((word) => [word, key] as const),
  ]),
);

/** The country key a normalised word names, if it names one. */
export function placeKey(word: string): string | undefined {
  return KEY_OF_WORD.get(word);
}
