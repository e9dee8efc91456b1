import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  NamespaceNotFoundError,
  ServiceError,
} from '@temporalio/client';
import { localized } from '../common/localized.exception';

/**
 * The Temporal service could not answer (unreachable, wrong namespace, a gRPC failure that is not
 * about the workflow itself, a call past its deadline): the caller may try again later.
 */
export function isTemporalUnavailable(error: unknown): boolean {
  return (
    error instanceof NamespaceNotFoundError || error instanceof ServiceError || isGrpcServiceError(error)
  );
}

/**
 * A call that ran out of time may have reached the workflow (the server took it and the answer
 * was late), so the caller is told it may have happened: the retry with the same Idempotency-Key
 * returns the outcome, and never records twice. Any other unavailability failed before the server
 * took anything.
 */
export const temporalUnavailable = (error: unknown) =>
  isGrpcDeadlineError(error)
    ? localized(
        503,
        '工作流服务暂时不可用，未能及时答复：这次操作可能已生效，请稍后用同一 Idempotency-Key 重试以得到确定结果',
        `the workflow service did not answer in time; the request may have taken effect: retry with the same Idempotency-Key for the outcome (${(error as Error).message})`,
      )
    : localized(
        503,
        '工作流服务暂不可用，未作任何记录，请稍后重试',
        `the workflow service is unavailable; nothing was recorded, try again shortly (${(error as Error).message})`,
      );
