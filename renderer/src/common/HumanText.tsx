import { Time } from './Time.js';

/** An ISO timestamp or an ISO day inside text built elsewhere (the engine's step details, for the command line too). */
const ISO = /(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)/;

/**
 * Text from the trust engine with its ISO dates shown in human form, each with the full value on hover
 * (trust-ux.md: "never raw ISO strings"). Everything else stays text, never HTML.
 */
export function HumanText({ text }: { readonly text: string }) {
  const parts = text.split(ISO);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 && !Number.isNaN(Date.parse(part)) ? <Time key={index} iso={part} as={part.length === 10 ? 'day' : 'date-time'} /> : part,
      )}
    </>
  );
}
