// Remix's default browser entry, plus one step for the staff area (issue 18): a staff page names its language on
// <html data-staff-locale> (root.tsx), and that language's catalogs (a lazy chunk, staff-load.ts) are loaded before
// hydration so the first client render reads the same messages the server used. Candidate pages have no such
// attribute and load nothing more.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { isLocale } from "./i18n/locale";
import { ensureStaffCatalogs } from "./i18n/staff-load";

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

const staffLocale = document.documentElement.dataset.staffLocale;
if (isLocale(staffLocale)) {
  // A failed chunk load (offline) still hydrates: StaffI18n then throws, the error page shows, and a reload retries.
  ensureStaffCatalogs(staffLocale).then(hydrate, hydrate);
} else {
  hydrate();
}
