/**
 * An in-process DNS server (dns2 3.0.0, UDP on 127.0.0.1, ephemeral port) answering from a zone description.
 * Point a `new dns.promises.Resolver()` at it with `resolver.setServers([server.address])`.
 *
 * Answers, per query name (compared lower-case, without a trailing dot; write IDN names as A-labels):
 * - listed in `silent`: no reply at all (the client times out);
 * - listed in `servfail`: rcode 2 (Node reports ESERVFAIL);
 * - listed in `nxdomain`: rcode 3 (Node reports ENOTFOUND), even if records are listed for it;
 * - records of the asked type exist: those records;
 * - the name has records of other types, or is listed in `nodata`: NOERROR with no answer (ENODATA);
 * - any other name does not exist: rcode 3, as in a real zone.
 */
import { createServer, Packet, type Resource } from 'dns2';

// RFC 1035 §4.1.1 response codes. dns2 3.0.0 has Packet.RCODE at run time but its type declarations lack it.
const RCODE = { FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3 } as const;

export interface SrvZoneRecord {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  /** A host name, or "." for "service not offered". */
  readonly target: string;
}

export interface DnsZone {
  readonly srv?: Readonly<Record<string, readonly SrvZoneRecord[]>>;
  readonly a?: Readonly<Record<string, readonly string[]>>;
  readonly aaaa?: Readonly<Record<string, readonly string[]>>;
  readonly nxdomain?: readonly string[];
  readonly nodata?: readonly string[];
  readonly servfail?: readonly string[];
  readonly silent?: readonly string[];
}

export interface DnsQuery {
  /** The name as it arrived on the wire. */
  readonly name: string;
  readonly type: 'SRV' | 'A' | 'AAAA' | `TYPE${number}`;
  /** When it arrived (Date.now()): questions asked together arrive together. */
  readonly at: number;
}

export interface TestDnsServer {
  /** `127.0.0.1:PORT`, ready for `Resolver#setServers`. */
  readonly address: string;
  /** Every question received, in order: lets tests check what was (and was not) asked. */
  readonly queries: readonly DnsQuery[];
  close(): Promise<void>;
}

const TTL = 60;

export interface DnsServerOptions {
  /** Each answer is sent this long after its question came: a network's round trip (default none). */
  readonly answerDelayMs?: number;
}

export async function startDnsServer(zone: DnsZone, options: DnsServerOptions = {}): Promise<TestDnsServer> {
  const queries: DnsQuery[] = [];
  const delay = options.answerDelayMs ?? 0;
  const reply = (send: (response: Packet) => unknown, response: Packet) => {
    if (delay > 0) setTimeout(() => void send(response), delay);
    else void send(response);
  };
  const server = createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      if (question === undefined) {
        response.header.rcode = RCODE.FORMERR;
        reply(send, response);
        return;
      }
      const name = canonical(question.name);
      queries.push({ name: question.name, type: typeName(question.type), at: Date.now() });
      if (has(zone.silent, name)) return;
      if (has(zone.servfail, name)) {
        response.header.rcode = RCODE.SERVFAIL;
      } else if (has(zone.nxdomain, name)) {
        response.header.rcode = RCODE.NXDOMAIN;
      } else {
        const answers = answersFor(zone, name, question.name, question.type);
        response.answers.push(...answers);
        if (answers.length === 0 && !exists(zone, name)) response.header.rcode = RCODE.NXDOMAIN;
      }
      response.header.aa = 1;
      reply(send, response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const port = addresses.udp?.port;
  if (port === undefined) throw new Error('the test DNS server did not report its UDP port');
  return {
    address: `127.0.0.1:${port}`,
    queries,
    close: async () => {
      await server.close();
    },
  };
}

function answersFor(zone: DnsZone, name: string, wireName: string, type: number): Resource[] {
  const base = { name: wireName, class: Packet.CLASS.IN, ttl: TTL };
  switch (type) {
    case Packet.TYPE.SRV:
      return lookup(zone.srv, name).map((r) => resource({ ...base, type: Packet.TYPE.SRV, ...r }));
    case Packet.TYPE.A:
      return lookup(zone.a, name).map((address) => resource({ ...base, type: Packet.TYPE.A, address }));
    case Packet.TYPE.AAAA:
      return lookup(zone.aaaa, name).map((address) => resource({ ...base, type: Packet.TYPE.AAAA, address }));
    default:
      return [];
  }
}

function resource(fields: Partial<Resource>): Resource {
  return Object.assign(new Packet.Resource(), fields);
}

/** The name exists in the zone (it has some records, or is declared to exist without any). */
function exists(zone: DnsZone, name: string): boolean {
  return (
    has(zone.nodata, name) ||
    lookup(zone.srv, name).length > 0 ||
    lookup(zone.a, name).length > 0 ||
    lookup(zone.aaaa, name).length > 0
  );
}

function lookup<T>(table: Readonly<Record<string, readonly T[]>> | undefined, name: string): readonly T[] {
  if (table === undefined) return [];
  for (const [key, values] of Object.entries(table)) if (canonical(key) === name) return values;
  return [];
}

function has(list: readonly string[] | undefined, name: string): boolean {
  return list?.some((entry) => canonical(entry) === name) ?? false;
}

function canonical(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function typeName(type: number): DnsQuery['type'] {
  if (type === Packet.TYPE.SRV) return 'SRV';
  if (type === Packet.TYPE.A) return 'A';
  if (type === Packet.TYPE.AAAA) return 'AAAA';
  return `TYPE${type}`;
}
