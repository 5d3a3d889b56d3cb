import type { Actor, Plan } from '@kepu/core';
import { ActorProvider, usePlan } from '@kepu/react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ACTORS, actorById, OBSERVER, ROLE_NAMES } from './actors.js';
import { type Bilingual, type Lang, nameOf, T, useT } from './i18n.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { PlanPage } from './pages/PlanPage.js';
import { ReportPage } from './pages/ReportPage.js';
import { ReviewPage } from './pages/ReviewPage.js';
import { DepartmentsPage, TownshipsPage } from './pages/SheetPages.js';

const PAGES = ['overview', 'plan', 'departments', 'townships', 'report', 'review'] as const;
type Page = (typeof PAGES)[number];

function pageFromHash(): Page {
  const name = location.hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'overview';
}

function useHashPage(): Page {
  const [page, setPage] = useState<Page>(pageFromHash);
  useEffect(() => {
    const onChange = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return page;
}

const ACTOR_KEY = 'kepu-dashboard-actor';

export function App({ lang, onLang, onReset }: { lang: Lang; onLang: (lang: Lang) => void; onReset: () => void }) {
  const t = useT();
  const page = useHashPage();
  const [actor, setActor] = useState<Actor>(() => actorById(localStorage.getItem(ACTOR_KEY) ?? '') ?? OBSERVER);
  const [year, setYear] = useState('2025');

  useEffect(() => {
    localStorage.setItem(ACTOR_KEY, actor.id);
  }, [actor]);

  // Move focus to the page's heading on navigation (not on the first load), so keyboard and
  // screen-reader users land on the new content.
  const shown = useRef(page);
  useEffect(() => {
    if (shown.current === page) return;
    shown.current = page;
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [page]);

  const content: Record<Page, ReactNode> = {
    overview: <OverviewPage year={year} onYear={setYear} />,
    plan: <PlanPage />,
    departments: <DepartmentsPage year={year} onYear={setYear} />,
    townships: <TownshipsPage year={year} onYear={setYear} />,
    report: <ReportPage />,
    review: <ReviewPage />,
  };

  return (
    <ActorProvider actor={actor}>
      <a className="skip" href="#main">
        {t(T.skip)}
      </a>
      <header className="site-header">
        <div className="brand">
          <p className="brand-title">{t(T.appTitle)}</p>
          <p className="brand-sub">{t(T.appSubtitle)}</p>
        </div>
        <div className="controls">
          <ActorSwitcher actor={actor} onActor={setActor} />
          <button
            type="button"
            className="lang"
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            aria-label={t(T.languageLabel)}
            onClick={() => onLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {t(T.language)}
          </button>
        </div>
      </header>
      <nav className="site-nav" aria-label={t(T.nav)}>
        <ul>
          {PAGES.map((p) => (
            <li key={p}>
              <a href={`#/${p}`} aria-current={p === page ? 'page' : undefined}>
                {t(T[p])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {content[page]}
      </main>
      <footer className="site-footer">
        <p>{t(T.persisted)}</p>
        <button type="button" className="link" onClick={onReset}>
          {t(T.resetDemo)}
        </button>
      </footer>
    </ActorProvider>
  );
}

// A unit is a township when the plan says so (its org units carry their kind).
const isTownship = (plan: Plan, actor: Actor): boolean =>
  plan.orgUnits.some((u) => u.id === actor.unit && u.kind === 'township');

const GROUPS: { label: Bilingual; match: (a: Actor, plan: Plan) => boolean }[] = [
  {
    label: { zh: '县直部门 · 填报员', en: 'Departments · reporters' },
    match: (a, plan) => a.role === 'reporter' && !isTownship(plan, a),
  },
  { label: { zh: '县直部门 · 审核员', en: 'Departments · reviewers' }, match: (a) => a.role === 'lead-reviewer' },
  {
    label: { zh: '乡镇 · 填报员', en: 'Townships · reporters' },
    match: (a, plan) => a.role === 'reporter' && isTownship(plan, a),
  },
  {
    label: { zh: '县科协与考核组', en: 'Plan office and assessors' },
    match: (a) => a.role === 'plan-office' || a.role === 'assessor' || a.role === 'observer',
  },
];

function ActorSwitcher({ actor, onActor }: { actor: Actor; onActor: (a: Actor) => void }) {
  const t = useT();
  const plan = usePlan();
  const lang = t({ zh: 'zh', en: 'en' }) as Lang;
  const label = (a: Actor) => {
    const unit = plan.orgUnits.find((u) => u.id === a.unit);
    const role = ROLE_NAMES[a.role][lang];
    return unit && (a.role === 'reporter' || a.role === 'lead-reviewer') ? `${nameOf(lang, unit)} · ${role}` : role;
  };
  return (
    <div className="actor">
      <label htmlFor="actor-select">{t(T.actor)}</label>
      <select
        id="actor-select"
        value={actor.id}
        aria-describedby="actor-hint"
        onChange={(e) => onActor(actorById(e.target.value) ?? OBSERVER)}
      >
        {GROUPS.map((g) => (
          <optgroup key={g.label.zh} label={t(g.label)}>
            {ACTORS.filter((a) => g.match(a, plan)).map((a) => (
              <option key={a.id} value={a.id}>
                {label(a)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <span id="actor-hint" className="actor-hint">
        {t(T.actorHint)}
      </span>
    </div>
  );
}
