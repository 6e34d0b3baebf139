// Parts every view shares: a datum with where it came from and on what basis, a withheld datum with its
// reason in words, and an answer's errors in words.
import type { ComponentChildren } from 'preact';
import { errorAt, type Answer, type GqlError } from '../api.ts';
import { areaName, controllerName, t, word } from '../i18n.ts';

export const valueAt = (data: unknown, path: string): unknown =>
  path.split('.').reduce<any>((v, k) => (v === null || v === undefined ? undefined : v[k]), data);

/** An error in words: its code, and the reason where it has one. */
export function errorWords(e: GqlError): string {
  const code = e.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  const reason = e.extensions?.reason;
  if (code === 'FORBIDDEN' && reason) return word('Reason', reason);
  const missing = e.extensions?.missing;
  if (code === 'JOINT_ASSESSMENT_REQUIRED' && missing?.length)
    return `${word('Code', code)} ${t('missingParties')}: ${missing.map((o) => word('Org', o)).join(', ')}.`;
  const words = word('Code', code);
  if (!reason) return words;
  return `${words} (${(reason && word('InputReason', reason)) || reason})`;
}

/** Errors of the whole answer, not of one datum (those are shown where the datum would be). */
export function Problems({ answer, within }: { answer: Answer<unknown>; within?: string }) {
  const general = answer.errors.filter((e) => !e.path || (within ? !e.path.join('.').startsWith(within) : true));
  if (general.length === 0) return null;
  return (
    <div role="alert" class="problem">
      {general.map((e, i) => (
        <p key={i}>{errorWords(e)}</p>
      ))}
    </div>
  );
}

interface RecordedBy {
  org: string;
  area?: string | null;
}

/** Where a datum came from: its legal basis and its controller (or, in the joint record, who stored it). */
export function Provenance({ answer, path, row }: { answer: Answer<unknown>; path: string; row: unknown }) {
  const entry = answer.basis.get(path);
  const recorded = (row as { recordedBy?: RecordedBy } | null)?.recordedBy;
  const source = entry?.controller
    ? `${t('controller')}: ${controllerName(entry.controller)}`
    : recorded
      ? `${t('storedBy')}: ${word('Org', recorded.org)}${recorded.area ? ` (${areaName(recorded.area)})` : ''}`
      : entry?.register === 'joint'
        ? `${t('controller')}: ${t('jointControllers')}`
        : '';
  return (
    <p class="provenance">
      <span class={`basis basis-${entry?.basis ?? 'unknown'}`}>
        {t('basis')}: {entry ? word('Basis', entry.basis) : t('basisUnknown')}
      </span>
      {source && <span> · {source}</span>}
    </p>
  );
}

/**
 * One categorised datum of a client: withheld with its reason, empty, or shown with its provenance (per
 * row for a list: each row may come from another controller on another basis).
 */
export function Datum<T>({
  answer,
  path,
  title,
  children,
}: {
  answer: Answer<unknown>;
  path: string;
  title: string;
  children: (value: T) => ComponentChildren;
}) {
  const error = errorAt(answer, path);
  const value = valueAt(answer.data, path) as T | T[] | null | undefined;
  let body: ComponentChildren;
  if (error) {
    body = (
      <p class={error.extensions?.code === 'FORBIDDEN' ? 'withheld' : 'problem'}>
        <strong>{error.extensions?.code === 'FORBIDDEN' ? t('withheld') : t('error')}:</strong> {errorWords(error)}
      </p>
    );
  } else if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    body = <p class="empty">{t('empty')}</p>;
  } else if (Array.isArray(value)) {
    body = (
      <ul class="rows">
        {value.map((row, i) => (
          <li key={i}>
            {children(row)}
            <Provenance answer={answer} path={`${path}.${i}`} row={row} />
          </li>
        ))}
      </ul>
    );
  } else {
    body = (
      <>
        {children(value)}
        <Provenance answer={answer} path={path} row={value} />
      </>
    );
  }
  return (
    <div class="datum" data-path={path}>
      <h3>{title}</h3>
      {body}
    </div>
  );
}

/** A definition list of label → value pairs, leaving out the empty ones. */
export function Pairs({ items }: { items: [string, ComponentChildren][] }) {
  return (
    <dl>
      {items
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}

/** The choice of one of the caller's cooperation areas, by name. */
export function AreaSelect({
  areas,
  value,
  onChange,
}: {
  areas: string[];
  value: string;
  onChange: (area: string) => void;
}) {
  return (
    <label>
      {t('area')}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {areas.map((a) => (
          <option key={a} value={a}>
            {areaName(a)}
          </option>
        ))}
      </select>
    </label>
  );
}
