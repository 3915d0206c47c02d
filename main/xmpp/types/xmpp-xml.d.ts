// Types for the parts of @xmpp/xml 0.14 that Hostproof uses (the package ships none).
declare module '@xmpp/xml' {
  export class Element {
    constructor(name: string, attrs?: Record<string, string>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getName(): string;
    getNS(): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getText(): string;
    getChildText(name: string, xmlns?: string): string | null;
    getAttr(name: string): string | undefined;
    c(name: string, attrs?: Record<string, string>): Element;
    t(text: string): Element;
    up(): Element;
    append(...children: Array<Element | string>): Element;
    toString(): string;
  }
  export class Parser {
    constructor();
    on(event: 'start', listener: (element: Element) => void): this;
    on(event: 'element', listener: (element: Element) => void): this;
    on(event: 'end', listener: (element: Element) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    removeAllListeners(): this;
    write(data: string): void;
    end(data?: string): void;
  }
  export function escapeXML(s: string): string;
  export function xml(name: string, attrs?: Record<string, string | undefined> | null, ...children: Array<Element | string>): Element;
  export default xml;
}
