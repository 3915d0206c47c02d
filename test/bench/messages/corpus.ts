/**
 * Message bodies for the benchmark: chat-like text of varied length over a vocabulary with a natural spread
 * (a few words in most messages, a long tail seen rarely), so full-text search meets doclists of every size,
 * as in real history. Common words come first; the tail is made of syllables (a stand-in for names, places,
 * jargon and typos), with some accented words and links mixed in.
 */
import { pick, zipf, type Random } from './random.js';

const COMMON = `the i you to a and it is that of in for on have be me this my we so not but just with are at was do
can what no yes ok will get if all your up like know it's good out there think about going now see time
how one when then go more would today tomorrow well they he she him her them here got did come back also
thanks really need want right make some sure love lol haha oh yeah work home let us meeting call later week
night morning tonight weekend still soon maybe nice great sorry fine day new last next our any could should
been where why who which from into over after before while again already done send sent message phone
train bus car late early lunch dinner coffee tea beer office team project deadline report email link photo
picture video music film book read play game football weather rain sunny cold warm snow holiday trip flight
hotel ticket station airport city house flat room kitchen garden dog cat kids school doctor birthday party
present money pay bank shop buy price cheap expensive code bug server release deploy update install build
test review branch merge commit issue fix patch version laptop screen keyboard battery charger network wifi
password account login chat group contact address meet bring leave stay arrive wait start finish open close
happy tired busy free ready ok-ish cool awesome weird funny crazy quiet loud long short big small early`
  .split(/\s+/u)
  .filter((w) => w !== '');

const ACCENTED = ['café', 'naïve', 'über', 'straße', 'garçon', 'mañana', 'smörgåsbord', 'crème', 'façade', 'élan', 'jalapeño', 'Zürich', 'Kraków', 'São'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'bri', 'del', 'fen', 'gor', 'hul', 'jin', 'kes', 'lun', 'mar', 'nor', 'pel', 'quin', 'ros', 'sil', 'tor', 'ul', 'ven', 'wex', 'yar', 'zen'];
const EMOJI = ['🙂', '😂', '👍', '🎉', '❤️', '🙈'];

export interface Corpus {
  /** A message body: mostly a short line, sometimes a paragraph, rarely a long text. */
  body(random: Random): string;
  /** The word of a frequency rank (0 = the most frequent), for choosing search terms of known frequency. */
  word(rank: number): string;
  readonly size: number;
}

export function createCorpus(random: Random, tailSize = 40_000): Corpus {
  const tail = new Set<string>();
  while (tail.size < tailSize) {
    const parts = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < parts; i += 1) word += pick(random, SYLLABLES);
    if (!COMMON.includes(word)) tail.add(word);
  }
  // The accented words sit among the first thousand ranks: not common, not rare.
  const words = [...COMMON, ...tail];
  ACCENTED.forEach((w, i) => words.splice(COMMON.length + 50 * (i + 1), 0, w));
  const draw = zipf(words.length, 1.05, 2.7);

  const sentence = (r: Random, length: number): string => {
    const out: string[] = [];
    for (let i = 0; i < length; i += 1) out.push(words[draw(r)] ?? 'ok');
    return out.join(' ');
  };

  return {
    size: words.length,
    word: (rank) => words[rank] ?? 'ok',
    body: (r) => {
      const roll = r();
      // Chat is mostly short lines; some paragraphs; a few long pastes.
      const length = roll < 0.8 ? 1 + Math.floor(r() * 10) : roll < 0.99 ? 10 + Math.floor(r() * 30) : 100 + Math.floor(r() * 250);
      let text = sentence(r, length);
      const extra = r();
      if (extra < 0.04) text += ` https://example.org/${sentence(r, 2).replace(' ', '/')}`;
      else if (extra < 0.12) text += ` ${pick(r, EMOJI)}`;
      else if (extra < 0.2) text = `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
      return text;
    },
  };
}
