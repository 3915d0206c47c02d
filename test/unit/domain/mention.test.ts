import { describe, expect, it } from 'vitest';
import { isMention, mentionsNick } from '../../../app/domain/mention.js';

describe('mentionsNick', () => {
  it.each([
    ['bob: are you there?', 'bob'],
    ['thanks Bob', 'bob'],
    ['BOB!', 'bob'],
    ['hello @bob', 'bob'],
    ['(bob)', 'bob'],
    ['ask Zoë, she knows', 'zoë'],
    ['ask ZOË, she knows', 'zoë'],
    ['line one\nbob, line two', 'bob'],
  ])('%j mentions %j', (body, nick) => {
    expect(mentionsNick(body, nick)).toBe(true);
  });

  it.each([
    ['bobcat', 'bob'],
    ['kebob', 'bob'],
    ['bob_2 here', 'bob'],
    ['bob2 here', 'bob'],
    ['zoëlle', 'zoë'],
    ['nothing here', 'bob'],
    ['', 'bob'],
  ])('%j does not mention %j (inside another word or absent)', (body, nick) => {
    expect(mentionsNick(body, nick)).toBe(false);
  });

  it('takes a nickname with regular expression characters literally', () => {
    expect(mentionsNick('hi a.b*c (yes)', 'a.b*c')).toBe(true);
    expect(mentionsNick('hi axbbbc', 'a.b*c')).toBe(false);
    expect(mentionsNick('ping [x]-y|z', '[x]-y|z')).toBe(true);
    expect(mentionsNick('ping x', '[x]-y|z')).toBe(false);
    expect(mentionsNick('C:\\path\\ and $1', '\\path\\')).toBe(true);
    expect(mentionsNick('all of them', '.*')).toBe(false);
    expect(mentionsNick('so .* then', '.*')).toBe(true);
  });

  it('an empty or blank nickname mentions nobody', () => {
    expect(mentionsNick('anything', '')).toBe(false);
    expect(mentionsNick('a b', ' ')).toBe(false);
  });

  it('isMention: a named or marked (XEP-0372) message from someone else; never our own', () => {
    expect(isMention({ direction: 'in', body: 'bob?' }, 'bob')).toBe(true);
    expect(isMention({ direction: 'in', body: 'see above', mentionsMe: true }, 'bob')).toBe(true);
    expect(isMention({ direction: 'in', body: 'see above', mentionsMe: false }, 'bob')).toBe(false);
    expect(isMention({ direction: 'out', body: 'bob here', mentionsMe: true }, 'bob')).toBe(false);
  });
});
