import type { Engine } from '@kepu/core';
import { KepuProvider } from '@kepu/react';
import { deleteIndexedDbStore } from '@kepu/store-indexeddb';
import { useEffect, useState } from 'react';
import { App } from './App.js';
import { type Booted, bootEngine, DATABASE } from './engine.js';
import { type Bilingual, type Lang, LangProvider, T } from './i18n.js';

// One engine for the page's lifetime, whatever React does with effects (StrictMode runs them
// twice in development): two engines seeding one empty database would race.
let booting: Promise<Booted> | undefined;
let listeners: Parameters<typeof bootEngine>[0] = {};
function bootOnce(next: Parameters<typeof bootEngine>[0]): Promise<Booted> {
  listeners = next;
  booting ??= bootEngine({ onSeedStart: () => listeners?.onSeedStart?.() });
  return booting;
}

type Boot =
  | { state: 'loading'; seeding: boolean }
  | { state: 'ready'; engine: Engine }
  | { state: 'failed'; error: Bilingual };

const bothLanguages = (error: unknown): Bilingual => ({ zh: String(error), en: String(error) });

const LANG_KEY = 'kepu-dashboard-lang';

function initialLang(): Lang {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANG_KEY);
  return saved === 'en' ? 'en' : 'zh';
}

/** Boots the engine (seeding the demo on the first visit), then renders the app. */
export function Root() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading', seeding: false });
  const [lang, setLang] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = lang === 'zh' ? '科普 Kepu · 正宁县全民科学素质行动' : 'Kepu · Zhengning science-literacy action';
    localStorage.setItem(LANG_KEY, lang);
  }, [lang]);

  useEffect(() => {
    let cancelled = false;
    bootOnce({
      onSeedStart: () => !cancelled && setBoot({ state: 'loading', seeding: true }),
    }).then(
      ({ engine, checked }) => {
        if (cancelled) return;
        setBoot({ state: 'ready', engine });
        // The page is shown at once; if the stored data then fails verification (edited in
        // devtools, say) or could not be stored, the page gives way to the reason.
        checked.then(
          (failure) => {
            if (!failure)
              performance.mark('kepu:checked'); // what the browser suites wait for
            else if (!cancelled) setBoot({ state: 'failed', error: failure });
          },
          (error: unknown) => !cancelled && setBoot({ state: 'failed', error: bothLanguages(error) }),
        );
      },
      (error: unknown) => !cancelled && setBoot({ state: 'failed', error: bothLanguages(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const reset = async () => {
    if (boot.state === 'ready') {
      await boot.engine.dispose();
      boot.engine.store.dispose?.();
    }
    await deleteIndexedDbStore({ database: DATABASE });
    location.reload();
  };

  return (
    <LangProvider lang={lang}>
      {boot.state === 'ready' ? (
        <KepuProvider engine={boot.engine}>
          <App lang={lang} onLang={setLang} onReset={reset} />
        </KepuProvider>
      ) : (
        <main className="boot" aria-busy={boot.state === 'loading'}>
          <h1>{T.appTitle[lang]}</h1>
          {boot.state === 'failed' ? (
            <p role="alert">{boot.error[lang]}</p>
          ) : (
            <p role="status">{boot.seeding ? T.seeding[lang] : T.loading[lang]}</p>
          )}
        </main>
      )}
    </LangProvider>
  );
}
