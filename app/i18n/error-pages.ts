// The texts of an error page in the six languages (issue 18). Root's error boundary shows them on any page, with no
// catalog loaded (a 404 at an unknown address, a failed loader); the staff layout's boundary uses the same ones. Small
// on purpose: the root's JavaScript reaches the candidate pages too.
import type { Locale } from "./locale";

export type ErrorTexts = {
  notFoundTitle: string;
  notFound: string;
  forbiddenTitle: string;
  forbidden: string;
  badRequestTitle: string;
  badRequest: string;
  unavailableTitle: string;
  unavailable: string;
  errorTitle: string;
  error: string;
  home: string;
};

export const ERROR_TEXTS: Record<Locale, ErrorTexts> = {
  en: {
    notFoundTitle: "Page not found",
    notFound: "We could not find that page. It may have moved, or the link may be incomplete.",
    forbiddenTitle: "Not allowed",
    forbidden: "You do not have access to this page.",
    badRequestTitle: "The request could not be read",
    badRequest: "The address or the form was incomplete or altered. Go back and try again.",
    unavailableTitle: "Busy for a moment",
    unavailable: "The database is busy. Nothing you entered was lost; please try again in a few seconds.",
    errorTitle: "Something went wrong",
    error: "An unexpected error happened. Nothing you entered was lost; please try again.",
    home: "Go to the start page",
  },
  ro: {
    notFoundTitle: "Pagina nu a fost găsită",
    notFound: "Nu am găsit această pagină. Poate a fost mutată sau linkul este incomplet.",
    forbiddenTitle: "Acces nepermis",
    forbidden: "Nu aveți acces la această pagină.",
    badRequestTitle: "Cererea nu a putut fi citită",
    badRequest: "Adresa sau formularul erau incomplete ori modificate. Reveniți și încercați din nou.",
    unavailableTitle: "Ocupat pentru un moment",
    unavailable:
      "Baza de date este ocupată. Nu s-a pierdut nimic din ce ați introdus; încercați din nou peste câteva secunde.",
    errorTitle: "Ceva nu a funcționat",
    error: "A apărut o eroare neașteptată. Nu s-a pierdut nimic din ce ați introdus; încercați din nou.",
    home: "Mergeți la pagina de start",
  },
  it: {
    notFoundTitle: "Pagina non trovata",
    notFound: "Non abbiamo trovato questa pagina. Potrebbe essere stata spostata o il link potrebbe essere incompleto.",
    forbiddenTitle: "Accesso non consentito",
    forbidden: "Non hai accesso a questa pagina.",
    badRequestTitle: "Impossibile leggere la richiesta",
    badRequest: "L'indirizzo o il modulo erano incompleti o alterati. Torna indietro e riprova.",
    unavailableTitle: "Occupato per un momento",
    unavailable: "Il database è occupato. Nulla di ciò che hai inserito è andato perso; riprova tra qualche secondo.",
    errorTitle: "Qualcosa è andato storto",
    error: "Si è verificato un errore imprevisto. Nulla di ciò che hai inserito è andato perso; riprova.",
    home: "Vai alla pagina iniziale",
  },
  sl: {
    notFoundTitle: "Strani ni mogoče najti",
    notFound: "Te strani nismo našli. Morda je bila premaknjena ali pa je povezava nepopolna.",
    forbiddenTitle: "Dostop ni dovoljen",
    forbidden: "Do te strani nimate dostopa.",
    badRequestTitle: "Zahteve ni bilo mogoče prebrati",
    badRequest: "Naslov ali obrazec je bil nepopoln ali spremenjen. Vrnite se in poskusite znova.",
    unavailableTitle: "Trenutno zasedeno",
    unavailable: "Zbirka podatkov je zasedena. Nič od vnesenega se ni izgubilo; poskusite znova čez nekaj sekund.",
    errorTitle: "Prišlo je do napake",
    error: "Prišlo je do nepričakovane napake. Nič od vnesenega se ni izgubilo; poskusite znova.",
    home: "Na začetno stran",
  },
  fi: {
    notFoundTitle: "Sivua ei löytynyt",
    notFound: "Emme löytäneet tätä sivua. Se on voinut siirtyä, tai linkki voi olla vajaa.",
    forbiddenTitle: "Ei käyttöoikeutta",
    forbidden: "Sinulla ei ole pääsyä tälle sivulle.",
    badRequestTitle: "Pyyntöä ei voitu lukea",
    badRequest: "Osoite tai lomake oli vajaa tai muutettu. Palaa takaisin ja yritä uudelleen.",
    unavailableTitle: "Hetken varattuna",
    unavailable: "Tietokanta on varattu. Mitään syöttämääsi ei menetetty; yritä uudelleen muutaman sekunnin kuluttua.",
    errorTitle: "Jokin meni vikaan",
    error: "Tapahtui odottamaton virhe. Mitään syöttämääsi ei menetetty; yritä uudelleen.",
    home: "Siirry etusivulle",
  },
  es: {
    notFoundTitle: "Página no encontrada",
    notFound: "No hemos encontrado esta página. Puede que se haya movido o que el enlace esté incompleto.",
    forbiddenTitle: "Acceso no permitido",
    forbidden: "No tienes acceso a esta página.",
    badRequestTitle: "No se pudo leer la solicitud",
    badRequest: "La dirección o el formulario estaban incompletos o alterados. Vuelve atrás e inténtalo de nuevo.",
    unavailableTitle: "Ocupado por un momento",
    unavailable:
      "La base de datos está ocupada. No se ha perdido nada de lo que introdujiste; inténtalo de nuevo en unos segundos.",
    errorTitle: "Algo ha salido mal",
    error: "Se produjo un error inesperado. No se ha perdido nada de lo que introdujiste; inténtalo de nuevo.",
    home: "Ir a la página de inicio",
  },
};

/** The title and message of an error page for an HTTP status (or a thrown error: status undefined). */
export function errorPageText(
  locale: Locale,
  status: number | undefined,
): { title: string; message: string; home: string } {
  const t = ERROR_TEXTS[locale];
  const [title, message] =
    status === 404
      ? [t.notFoundTitle, t.notFound]
      : status === 403
        ? [t.forbiddenTitle, t.forbidden]
        : status === 400
          ? [t.badRequestTitle, t.badRequest]
          : status === 503
            ? [t.unavailableTitle, t.unavailable]
            : [t.errorTitle, t.error];
  return { title, message, home: t.home };
}
