/**
 * jsdom has no layout: every box is 0 px and elements cannot scroll. The virtualised list needs sizes to decide
 * what to render, so these stubs give each list (messages, and the virtual lists of contacts and conversations) a 600 px viewport and each row 50 px, and make scrollTo move
 * scrollTop and fire "scroll" afterwards, as a browser does. They stand in for the browser, not for the component.
 */
import { afterAll, beforeAll } from 'vitest';

export const VIEWPORT = 600;
export const ROW = 50;

export function installLayoutStubs(): void {
  const saved = {
    clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
    offsetHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight'),
    scrollHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight'),
    scrollTo: Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTo'),
  };
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('message-list') || this.classList.contains('virtual-list') ? VIEWPORT : 0;
      },
    });
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('message-list__row') || this.classList.contains('virtual-list__row') ? ROW : 0;
      },
    });
    // The list scrolls over its inner box, whose height the component sets to the rows' total.
    Object.defineProperty(Element.prototype, 'scrollHeight', {
      configurable: true,
      get(this: Element) {
        const inner = this.classList.contains('message-list')
          ? this.querySelector<HTMLElement>('.message-list__inner')
          : this.classList.contains('virtual-list')
            ? this.querySelector<HTMLElement>('.virtual-list__inner')
            : null;
        return inner ? Number.parseFloat(inner.style.height) || 0 : 0;
      },
    });
    // A browser fires "scroll" later, once per frame however many writes came before it, never inside the
    // write: a synchronous event here let the virtualizer read its own correction back while it still held the
    // correction as pending, count it twice and jump to the end (seen only on a busy machine, where measuring
    // and the prepend fell into one task).
    const pending = new WeakSet<Element>();
    Object.defineProperty(Element.prototype, 'scrollTo', {
      configurable: true,
      value(this: Element, options: ScrollToOptions | number, y?: number) {
        const top = typeof options === 'number' ? (y ?? 0) : (options.top ?? this.scrollTop);
        this.scrollTop = Math.max(0, top);
        if (pending.has(this)) return;
        pending.add(this);
        setTimeout(() => {
          pending.delete(this);
          this.dispatchEvent(new Event('scroll'));
        }, 0);
      },
    });
  });
  afterAll(() => {
    for (const [name, descriptor] of Object.entries(saved)) {
      const target = name === 'scrollTo' || name === 'scrollHeight' ? Element.prototype : HTMLElement.prototype;
      if (descriptor) Object.defineProperty(target, name, descriptor);
      else Reflect.deleteProperty(target, name);
    }
  });
}
