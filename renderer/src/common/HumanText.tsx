import { formatDuration } from './format-time.js';
import { Time } from './Time.js';

/**
 * An ISO timestamp or day, or a duration in seconds ("expires in 3600 s"), inside text built elsewhere (the
 * engine's step details, which the command line prints as they are).
 */
const MACHINE = /(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?|\b\d+ s\b)/;

/**
 * Text from the trust engine with its dates and durations in human form, each with the exact value on hover
 * (trust-ux.md: "never raw ISO strings or seconds"). Everything else stays text, never HTML.
 */
export function HumanText({ text }: { readonly text: string }) {
  const parts = text.split(MACHINE);
  return (
    <>
      {parts.map((part, index) => {
        if (index % 2 === 0) return part;
        const seconds = /^(\d+) s$/.exec(part);
        if (seconds) {
          return (
            <span key={index} title={`${seconds[1]} seconds`}>
              {formatDuration(Number(seconds[1]) * 1000)}
            </span>
          );
        }
        return Number.isNaN(Date.parse(part)) ? part : <Time key={index} iso={part} as={part.length === 10 ? 'day' : 'date-time'} />;
      })}
    </>
  );
}
