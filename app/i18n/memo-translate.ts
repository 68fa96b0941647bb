// A translate function that keeps its last few thousand texts (issue 19): an i18next instance that never changes
// gives the same text for a key and the same variables, and a page asks for the same labels many times.
import { setBounded } from "~/utils/bounded-map";
import type { Translate, TranslateVars } from "./i18n";

const MEMO_SIZE = 4000;

export function memoizeTranslate(t: (key: string, vars: TranslateVars) => string): Translate {
  const texts = new Map<string, string>();
  return (key, vars) => {
    const memoKey = vars ? `${key}\u0000${JSON.stringify(vars)}` : key;
    let text = texts.get(memoKey);
    if (text === undefined) {
      text = t(key, vars ?? {});
      setBounded(texts, memoKey, text, MEMO_SIZE);
    }
    return text;
  };
}
