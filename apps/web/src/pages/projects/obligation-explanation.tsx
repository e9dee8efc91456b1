import { Space, Tag } from 'antd';
import { factTitle } from './project-actions';
import type { DateExplanation, DayRange, DerivationStep, Obligation } from './projects.types';
import { toneOf } from './tag-tone';

const DAY_KIND: Record<DayRange['kind'], string> = {
  weekend: '周末',
  holiday: '节假日',
  'adjusted-workday': '调休上班日',
  workday: '工作日',
};

const span = (r: DayRange) => (r.from === r.to ? r.from : `${r.from} 至 ${r.to}`);

/** The days a step skipped, each with its holiday's name, so a reader can check the count by hand. */
function Skipped({ step }: { step: DerivationStep }) {
  const skipped = step.skipped ?? [];
  if (skipped.length === 0) return null;
  return (
    <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
      <span>跳过：</span>
      {skipped.map((r) => (
        <Tag
          key={`${r.from}-${r.kind}`}
          color={r.kind === 'holiday' ? 'volcano' : 'default'}
          style={toneOf(r.kind === 'holiday' ? 'volcano' : undefined)}
        >
          {span(r)} {r.name ?? DAY_KIND[r.kind]}
          {r.provisional ? '（暂定）' : ''}
        </Tag>
      ))}
    </Space>
  );
}

function DateWhy({ label, why }: { label: string; why: DateExplanation }) {
  const provisionalYears = why.calendar.filter((y) => !y.official).map((y) => y.year);
  return (
    <>
      <dt>
        {label}：{why.result ?? '—'}
        {why.provisional && (
          <Tag color="orange" style={{ ...toneOf('orange'), marginLeft: 8 }}>
            暂定：{provisionalYears.join('、')} 年节假日安排尚未公布
          </Tag>
        )}
      </dt>
      <dd>规则：{why.rule}</dd>
      <dd>
        <ol>
          {why.steps.map((s, i) => (
            <li key={i}>
              {s.text}
              <Skipped step={s} />
            </li>
          ))}
        </ol>
      </dd>
      <dd>
        日历：
        {why.calendar.map((y) => `${y.year} 年${y.official ? '（已公布）' : '（暂定）'}`).join('、')}
      </dd>
    </>
  );
}

/** Why an obligation's dates are what they are: its trigger, every step, the article. */
export function ObligationExplanation({
  obligation: o,
  titles,
}: {
  obligation: Obligation;
  titles: Record<string, string>;
}) {
  const t = o.explanation.trigger;
  return (
    <dl className="dk-explanation">
      <dt>起算</dt>
      <dd>
        {t.on ? `${t.on} ${factTitle(titles, t.event)}` : factTitle(titles, t.event)}
        {t.eventIndex !== null ? `（第 ${t.eventIndex + 1} 条事实）` : ''}
      </dd>
      {o.explanation.opens && <DateWhy label="开始办理日期" why={o.explanation.opens} />}
      {o.explanation.due && <DateWhy label="截止日期" why={o.explanation.due} />}
      {o.extended && (
        <>
          <dt>延期</dt>
          <dd>
            {o.extended.grantedOn} 批准延期：截止日期由 {o.extended.originalDueOn ?? '无'} 延至{' '}
            {o.extended.until}
          </dd>
        </>
      )}
      <dt>现状</dt>
      <dd>{o.explanation.status}</dd>
      <dt>依据</dt>
      <dd>{o.basisText}</dd>
    </dl>
  );
}
