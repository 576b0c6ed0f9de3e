import type { ColumnSummary, Histogram } from '../../core/data/summary.ts';
import { count, decimal, pct } from '../format.ts';

/** One row per column: kind, missing share, a small distribution picture and its numbers in words. */
export function ColumnSummaries({ summaries }: { summaries: ColumnSummary[] }) {
  if (summaries.length === 0) return <p className="muted small">No column summaries yet.</p>;
  return (
    <div className="summaries-scroll">
      <table className="column-summaries" data-testid="data.summaries">
        <thead>
          <tr>
            <th>column</th>
            <th>type</th>
            <th className="num">missing</th>
            <th>distribution</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {summaries.map((s) => (
            <tr key={s.name} data-testid={`data.summary.${s.name}`}>
              <td className="col-name" title={s.name}>
                {s.name}
              </td>
              <td>
                <span className={`kind kind-${s.kind}`}>{s.kind}</span>
              </td>
              <td className={`num${s.missing > 0 ? '' : ' muted'}`} title={`${count(s.missing)} of ${count(s.rowCount)} cells`}>
                {s.missing === 0 ? '0' : `${count(s.missing)} (${pct(s.missing / Math.max(1, s.rowCount))})`}
              </td>
              <td className="dist">
                <Picture s={s} />
              </td>
              <td className="small dist-text">{describe(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const W = 140;
const H = 22;

function Picture({ s }: { s: ColumnSummary }) {
  switch (s.kind) {
    case 'number':
    case 'integer':
    case 'date':
      return s.histogram ? <Bars h={s.histogram} label={`${s.name} histogram`} /> : <Empty />;
    case 'text':
      return s.lengthHistogram ? <Bars h={s.lengthHistogram} label={`${s.name} length histogram`} /> : <Empty />;
    case 'boolean': {
      const total = s.trueCount + s.falseCount;
      return total === 0 ? (
        <Empty />
      ) : (
        <Stack
          parts={[
            { label: 'true', count: s.trueCount },
            { label: 'false', count: s.falseCount },
          ]}
          total={total}
        />
      );
    }
    case 'category': {
      const parts = s.top.map((t) => ({ label: t.value, count: t.count }));
      if (s.other > 0) parts.push({ label: 'other', count: s.other });
      const total = parts.reduce((a, p) => a + p.count, 0);
      return total === 0 ? <Empty /> : <Stack parts={parts} total={total} />;
    }
  }
}

function Empty() {
  return <span className="muted small">all missing</span>;
}

/** A histogram as plain SVG bars (height ∝ count; every non-empty bin at least 1 px tall). */
function Bars({ h, label }: { h: Histogram; label: string }) {
  const max = Math.max(...h.counts);
  const bw = W / h.counts.length;
  return (
    <svg width={W} height={H} role="img" aria-label={label} className="spark">
      {h.counts.map((c, i) => {
        const height = c === 0 ? 0 : Math.max(1, (c / max) * H);
        return <rect key={i} className="bin" x={i * bw + 0.5} y={H - height} width={Math.max(1, bw - 1)} height={height} />;
      })}
    </svg>
  );
}

const SHADES = ['#1f5fa0', '#4f86bf', '#7ea7d4', '#a9c4e4', '#c9daef', '#9db8d6', '#6f93bd', '#3f6f9f', '#d0d5dd'];

/** Shares of a whole as one horizontal bar (levels most frequent first; "other" last, grey). */
function Stack({ parts, total }: { parts: { label: string; count: number }[]; total: number }) {
  let x = 0;
  return (
    <svg width={W} height={H} role="img" aria-label={parts.map((p) => `${p.label} ${p.count}`).join(', ')} className="spark">
      {parts.map((p, i) => {
        const w = (p.count / total) * W;
        const rect = (
          <rect
            key={p.label + i}
            x={x}
            y={4}
            width={Math.max(0.5, w - 1)}
            height={H - 8}
            fill={p.label === 'other' ? '#d0d5dd' : SHADES[i % SHADES.length]}
          >
            <title>{`${p.label}: ${count(p.count)} (${pct(p.count / total)})`}</title>
          </rect>
        );
        x += w;
        return rect;
      })}
    </svg>
  );
}

function num(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  return Number.isInteger(v) ? count(v) : decimal(v);
}

const day = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '–');

/** The numbers behind the picture, in words. */
export function describe(s: ColumnSummary): string {
  switch (s.kind) {
    case 'number':
    case 'integer':
      return `${num(s.min)} … ${num(s.max)}, mean ${num(s.mean)}`;
    case 'date':
      return `${day(s.min)} … ${day(s.max)}`;
    case 'boolean':
      return `true ${count(s.trueCount)}, false ${count(s.falseCount)}`;
    case 'category': {
      const top = s.top.slice(0, 3).map((t) => `${t.value} ${count(t.count)}`);
      return `${count(s.distinct)} levels: ${top.join(', ')}${s.distinct > 3 ? ', …' : ''}`;
    }
    case 'text': {
      const words = s.topWords
        .slice(0, 4)
        .map((w) => w.word)
        .join(', ');
      return `length ${num(s.minLength)} … ${num(s.maxLength)} (mean ${num(Math.round(s.meanLength))})${words ? `; words: ${words}` : ''}`;
    }
  }
}
