import type { NotificationEntity, ObligationEntity, UrgingEntity } from '../../../db/entities';

/**
 * The bureau's notice that a department answered an urging (反馈): in the bureau's inbox only
 * (audience `bureau`), e-mailed to the operator who urged; the department already knows its answer.
 */
export function answerNotice(
  urging: UrgingEntity,
  answer: { answerReason: string; answerExpectedOn: string; answeredBy: string; answeredAt: Date },
  names: { department: string; obligation: ObligationEntity | null },
  late: boolean,
): Partial<NotificationEntity> {
  const projectName = names.obligation?.projectName ?? urging.projectId;
  const title = names.obligation?.title ?? urging.obligationKey;
  const message =
    `【催办反馈】${names.department}已就项目「${projectName}」的「${title}」反馈${late ? `（晚于要求的 ${urging.answerBy}）` : ''}：` +
    `逾期原因：${answer.answerReason}；预计完成日期：${answer.answerExpectedOn}。` +
    `可在催办清单（GET /oversight/urgings）查看，到期未办结可再次催办。`;
  return {
    dedupeKey: `${urging.projectId}|${urging.obligationKey}|urging-answer|${urging.id}`,
    projectId: urging.projectId,
    departmentId: urging.departmentId,
    obligationKey: urging.obligationKey,
    kind: 'urging-answer',
    audience: 'bureau',
    dueOn: urging.dueOn,
    scheduledFor: answer.answeredAt,
    writtenAt: answer.answeredAt,
    payload: {
      projectName,
      departmentName: names.department,
      title,
      basis: names.obligation?.basis ?? null,
      urgingId: urging.id,
      urgedBy: urging.urgedBy,
      answeredBy: answer.answeredBy,
      expectedOn: answer.answerExpectedOn,
      late,
      message,
    },
  };
}
