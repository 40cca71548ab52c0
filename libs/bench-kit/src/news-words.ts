/**
 * Hand-written English news vocabulary. The bench pads it with generated pseudo-words and names
 * to a few thousand terms; these give the head of the distribution the look of real copy.
 */

/** The most frequent words of news copy, most frequent first; rules never use them. */
export const FUNCTION_WORDS: readonly string[] = `
the of to and a in that for on is said with was as at by it from he be has have
are his an will but its they not who which this after been were more would their had
about over than also two up new out one we she could when year first can there three last
into other some our may all people so her time them its what before if government told
under since against between because during while where just only most those then being
several both did any many such these own through still however how like very now off
again us per amid despite among until made say says including around without across
`
  .trim()
  .split(/\s+/);

/** Common words of news stories and names of places, bodies and people. */
export const NEWS_WORDS: readonly string[] = `
minister president police court election officials report military attack killed
economy inflation market prices bank rates budget tax spending deficit growth recession
company shares investors profit revenue deal merger workers strike union wages jobs
health hospital patients vaccine virus outbreak doctors climate emissions energy oil gas
power electricity drought flood storm wildfire earthquake hurricane rescue victims
war troops ceasefire talks sanctions missile drone border refugees migrants asylum
protest protesters arrested charged trial judge jury verdict sentence prison appeal
investigation prosecutors lawsuit fraud corruption bribery scandal resignation
parliament senate congress vote voters campaign candidate poll coalition opposition
party leader spokesman statement announced agreement treaty summit diplomats embassy
security intelligence spy cyber hackers ransomware breach data privacy regulator
technology software chip semiconductor smartphone internet platform users app
football league championship tournament coach players season transfer stadium
film festival award music album concert museum artist exhibition
school students teachers university research scientists study space rocket satellite
airline flights airport train railway shipping port cargo tanker supply exports imports
tariffs trade currency dollar euro yen bonds stocks index shareholders chief executive
billion million percent quarter annual monthly weekly spokeswoman ministry department
agency commission council committee federal regional local national international
Ukraine Russia China India Brazil Germany France Britain Italy Spain Poland Turkey Iran
Israel Gaza Syria Iraq Egypt Nigeria Kenya Ethiopia Sudan Mexico Canada Japan Korea
Taiwan Australia Indonesia Pakistan Afghanistan Venezuela Argentina Chile Colombia
Moscow Beijing Kyiv Washington London Paris Berlin Brussels Tokyo Delhi Ankara Tehran
Jerusalem Cairo Lagos Nairobi Sydney Toronto Madrid Rome Warsaw Geneva Davos Zürich
Interpol Europol NATO OPEC Reuters Pentagon Kremlin Parliament Bundestag Knesset
Hamas Hezbollah Taliban al-Shabaab Wagner Gazprom Airbus Boeing Tesla Apple Google
Microsoft Amazon Nvidia Samsung Toyota Volkswagen Siemens Shell Rolls-Royce Pfizer
Putin Zelenskyy Biden Trump Harris Xi Modi Macron Scholz Merz Starmer Sunak Meloni
Erdoğan Netanyahu Lula Milei Sheinbaum Trudeau Albanese Kishida Ramaphosa Orbán
Guterres Lagarde Powell Yellen Musk Bezos Zuckerberg Altman
extradition fugitive warrant notice sanctioned laundering smuggling trafficking cartel
kidnapping hostage hostages ransom cyberattack espionage defector dissident
genocide humanitarian famine aid convoy blockade evacuation shelling airstrike
offensive counteroffensive frontline occupied annexation referendum constitution
impeachment indictment subpoena testimony whistleblower leak leaked documents
`
  .trim()
  .split(/\s+/);

/** Names and set phrases of several words, each one unit of the vocabulary. */
export const NEWS_PHRASES: readonly string[] = [
  'prime minister',
  'foreign minister',
  'defence minister',
  'finance minister',
  'interest rates',
  'central bank',
  'European Central Bank',
  'Federal Reserve',
  'Bank of England',
  'European Union',
  'European Commission',
  'United Nations',
  'Security Council',
  'World Health Organization',
  'International Monetary Fund',
  'World Bank',
  'White House',
  'Downing Street',
  'Supreme Court',
  'High Court',
  'red notice',
  'arrest warrant',
  'climate change',
  'carbon emissions',
  'renewable energy',
  'nuclear power',
  'artificial intelligence',
  'stock market',
  'oil prices',
  'supply chain',
  'trade war',
  'peace talks',
  'peace deal',
  'human rights',
  'press freedom',
  'general election',
  'local elections',
  'New York',
  'Hong Kong',
  'South Africa',
  'Saudi Arabia',
  'United States',
  'United Kingdom',
  'North Korea',
  'South Korea',
  'São Paulo',
  'West Bank',
  'Red Sea',
  'Black Sea',
  'Middle East',
  'Silicon Valley',
  'Wall Street',
  'Olympic Games',
  'World Cup',
  'Champions League',
  'Nobel Prize',
  'state media',
  'news conference',
  'opinion poll',
  'death toll',
  'tax cuts',
  'minimum wage',
  'housing market',
  'money laundering',
  'organised crime',
  'drug trafficking',
  'data breach',
  'electric vehicles',
  'fossil fuels',
  'heat wave',
  'tropical storm',
  'Vladimir Putin',
  'Volodymyr Zelenskyy',
  'Donald Trump',
  'Joe Biden',
  'Xi Jinping',
  'Narendra Modi',
  'Emmanuel Macron',
  'Keir Starmer',
  'Giorgia Meloni',
  'Recep Tayyip Erdoğan',
  'Benjamin Netanyahu',
  'Ursula von der Leyen',
  'António Guterres',
  'Christine Lagarde',
  'Jerome Powell',
  'Elon Musk',
  'Hu Bin-chen',
];
