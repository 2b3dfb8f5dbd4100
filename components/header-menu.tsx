"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";

/**
 * The header's navigation: a row from the md breakpoint up, and below it a disclosure behind a menu
 * button (aria-expanded / aria-controls). Escape closes it and gives focus back to the button;
 * following a link closes it, because the menu is open only for the path it was opened on.
 */
export function HeaderMenu({
  navLabel,
  buttonLabel,
  children,
}: {
  navLabel: string;
  buttonLabel: string;
  children: React.ReactNode;
}) {
  const id = useId();
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        data-testid="menu-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpenOn(open ? null : pathname)}
        className="flex items-center gap-2 rounded border border-white/60 px-3 py-1 text-sm hover:bg-white/10 md:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M2 4h16v2H2zM2 9h16v2H2zM2 14h16v2H2z" />
        </svg>
        {buttonLabel}
      </button>
      <nav
        id={id}
        aria-label={navLabel}
        className={`${open ? "flex" : "hidden"} w-full flex-col items-start gap-3 text-sm md:flex md:w-auto md:flex-row md:flex-wrap md:items-center md:gap-4`}
      >
        {children}
      </nav>
    </>
  );
}
