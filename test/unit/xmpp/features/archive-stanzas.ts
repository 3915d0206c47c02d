/** Archive (XEP-0313) stanzas as a server sends them, for the archive query tests. */

export const MAM = 'urn:xmpp:mam:2';
export const RSM = 'http://jabber.org/protocol/rsm';

/** A XEP-0313 §4.2 result message for query `queryId`, by default from alice@example.org (our own account). */
export function result(queryId: string, archiveId: string, inner: string, options: { from?: string | null; stamp?: string } = {}): string {
  const from = options.from === undefined ? " from='alice@example.org'" : options.from === null ? '' : ` from='${options.from}'`;
  return `<message${from} to='alice@example.org/desk' id='w-${archiveId}'><result xmlns='urn:xmpp:mam:2' queryid='${queryId}' id='${archiveId}'>
    <forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='${options.stamp ?? '2024-04-01T10:00:00Z'}'/>${inner}</forwarded></result></message>`;
}

/** The iq result ending a query: `<fin/>` with its RSM set (an empty set when `first` is null). */
export function fin(complete: boolean, first: string | null, last: string | null = first): string {
  const set = first === null ? `<set xmlns='http://jabber.org/protocol/rsm'><count>0</count></set>` : `<set xmlns='http://jabber.org/protocol/rsm'><first index='0'>${first}</first><last>${last}</last></set>`;
  return `<iq type='result'><fin xmlns='urn:xmpp:mam:2'${complete ? " complete='true'" : ''}>${set}</fin></iq>`;
}
