/**
 * Careful readers for incoming XML. Child lookups check the namespace, so `<body xmlns='urn:other'>` is not
 * a body; attribute readers treat empty values as absent, so "missing" has one meaning everywhere.
 */
import type { Element } from '@xmpp/xml';
import { NS } from './namespaces.js';

/**
 * Whether an element is in the client namespace. Stanzas from the session inherit `jabber:client` from the
 * stream element; elements with no namespace anywhere (built locally, never parsed) are accepted too.
 */
function inClientNamespace(element: Element): boolean {
  const ns = element.getNS();
  return ns === undefined || ns === NS.client;
}

export function isStanza(element: unknown, name: 'message' | 'presence' | 'iq'): element is Element {
  if (typeof element !== 'object' || element === null) return false;
  const candidate = element as Element;
  return typeof candidate.getName === 'function' && candidate.getName() === name && inClientNamespace(candidate);
}

/** The child elements named `name` in the client namespace (body, status, show, priority, error...). */
export function clientChildren(parent: Element, name: string): Element[] {
  return parent.getChildElements().filter((child) => child.getName() === name && inClientNamespace(child));
}

/**
 * The one to use among several children that differ only by xml:lang (RFC 6121 §5.2.3): the one without a
 * language tag, else the first. We have no language preference to apply, so this is deterministic and simple.
 */
export function preferUntagged(elements: readonly Element[]): Element | undefined {
  return elements.find((element) => element.attrs['xml:lang'] === undefined) ?? elements[0];
}

export function clientChildText(parent: Element, name: string): string | null {
  const child = preferUntagged(clientChildren(parent, name));
  return child === undefined ? null : child.getText();
}

/** An attribute's value, or null when it is missing or empty. */
export function attr(element: Element, name: string): string | null {
  const value = element.attrs[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The only child with this name and namespace; null when there is none or more than one (ambiguous). */
export function singleChild(parent: Element, name: string, xmlns: string): Element | null {
  const found = parent.getChildren(name, xmlns);
  return found.length === 1 ? (found[0] ?? null) : null;
}

