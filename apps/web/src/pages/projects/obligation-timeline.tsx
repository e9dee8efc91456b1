import { Collapse, Space, Tag, Typography } from 'antd';
import { ObligationExplanation } from './obligation-explanation';
import { obligationStatusTitle } from './project-actions';
import type { Fact, Obligation } from './projects.types';
import { axisOf, barsOf, pausedSpans, timelineDates, type Span } from './timeline-model';
import './projects.css';
import { toneOf } from './tag-tone';

export const STATUS_COLORS: Record<string, string> = {
  pending: 'default',
  open: 'blue',
  met: 'green',
  'met-late': 'gold',
  overdue: 'red',
  waived: 'default',
};

const pct = (n: number) => `${n.toFixed(2)}%`;

/**
 * Every obligation on one time axis: when it opens, falls due and was met, how long it has been overdue,
 * extensions and paused spans; each row opens to the explanation of its dates.
 */
export function ObligationTimeline({
  obligations,
  facts,
  today,
  titles,
}: {
  obligations: Obligation[];
  facts: Fact[];
  today: string;
  titles: Record<string, string>;
}) {
  const paused = pausedSpans(facts, today);
  const axis = axisOf(timelineDates(obligations, paused, today));
  const bar = (span: Span, className: string) => (
    <span
      key={`${className}-${span.from}`}
      className={`dk-bar ${className}`}
      style={{ left: pct(axis.at(span.from)), width: pct(axis.width(span)) }}
    />
  );

  if (obligations.length === 0) return <Typography.Text type="secondary">尚无事项。</Typography.Text>;

  return (
    <div className="dk-timeline">
      <div className="dk-timeline-legend" aria-hidden>
        <span className="dk-swatch dk-bar-window" /> 办理期间
        <span className="dk-swatch dk-bar-overdue" /> 逾期
        <span className="dk-swatch dk-bar-extended" /> 延期
        <span className="dk-swatch dk-bar-paused" /> 暂停
        <span className="dk-mark-met-sample">✓</span> 完成
        <span className="dk-today-sample" /> 今天 {today}
      </div>
      <Collapse
        className="dk-timeline-rows"
        items={obligations.map((o) => {
          const bars = barsOf(o, today);
          return {
            key: o.key,
            label: (
              <div className="dk-row">
                <div className="dk-row-title">
                  <Space size={4} wrap>
                    <strong>{o.title}</strong>
                    <Tag color={STATUS_COLORS[o.status]} style={toneOf(STATUS_COLORS[o.status])}>
                      {obligationStatusTitle(o.status)}
                    </Tag>
                    {o.provisional && (
                      <Tag color="orange" style={toneOf('orange')}>
                        暂定日期
                      </Tag>
                    )}
                    {o.extended && (
                      <Tag color="purple" style={toneOf('purple')}>
                        已延期
                      </Tag>
                    )}
                    {o.suspended && <Tag>暂停中</Tag>}
                  </Space>
                  <div className="dk-row-dates">
                    {o.opensOn && <span>开始 {o.opensOn}</span>}
                    {o.dueOn && <span>截止 {o.dueOn}</span>}
                    {o.metOn && <span>完成 {o.metOn}</span>}
                    <span className="dk-basis">{o.basisText}</span>
                  </div>
                </div>
                <div className="dk-track" aria-hidden>
                  {paused.map((p) => bar(p, 'dk-bar-paused'))}
                  {bars.window && bar(bars.window, 'dk-bar-window')}
                  {bars.extended && bar(bars.extended, 'dk-bar-extended')}
                  {bars.overdue && bar(bars.overdue, 'dk-bar-overdue')}
                  {bars.met && (
                    <span className="dk-mark-met" style={{ left: pct(axis.at(bars.met)) }}>
                      ✓
                    </span>
                  )}
                  <span className="dk-today" style={{ left: pct(axis.at(today)) }} />
                </div>
              </div>
            ),
            children: <ObligationExplanation obligation={o} titles={titles} />,
          };
        })}
      />
    </div>
  );
}
