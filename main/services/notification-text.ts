/**
 * The text of a desktop notification, made safe for the platform that shows it. Chat text comes from
 * strangers: on Linux, notification servers (the freedesktop spec, libnotify) parse the body as markup, so
 * `<b>`, `<a href>` or `<img src>` in a message would be rendered or fetched; there it is escaped. On every
 * platform, control characters and bidi overrides are taken out: they could hide or reorder what the
 * notification seems to say ("moc.elpmaxe" shown as "example.com").
 */

export interface NotificationText {
  readonly title: string;
  readonly body: string;
}

const MARKUP_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
  '"': '&quot;',
};

/** `platform` is `process.platform` in the app, injected so each platform's rule is testable anywhere. */
export function notificationText(platform: string, text: NotificationText): NotificationText {
  const clean = (value: string): string => {
    const plain = withoutHiddenCharacters(value);
    return platform === 'linux' ? plain.replace(/[&<>'"]/g, (ch) => MARKUP_ENTITIES[ch] ?? ch) : plain;
  };
  return { title: clean(text.title), body: clean(text.body) };
}

/** C0/C1 controls (a tab or line break becomes a space) and the bidi embedding, override and isolate controls. */
function withoutHiddenCharacters(value: string): string {
  return (
    value
      .replace(/[\t\n\r\v\f]/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
  );
}
