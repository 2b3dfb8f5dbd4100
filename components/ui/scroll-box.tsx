/**
 * A wide table's own box: on a narrow screen the table scrolls sideways inside it, not the page.
 * It is a tab stop so that a keyboard can scroll it too (axe: scrollable-region-focusable) even when
 * the table holds no link; its name is the table's caption or heading, given as `label`. It is the
 * containing block of what it holds: otherwise visually hidden (sr-only, position: absolute) text in a
 * cell past the right edge would widen the page itself.
 */
export function ScrollBox({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
