import { ServiceUnavailableException } from '@nestjs/common';
import { isGrpcServiceError, NamespaceNotFoundError, ServiceError } from '@temporalio/client';

/**
 * The Temporal service could not answer (unreachable, wrong namespace, a gRPC failure that is not
 * about the workflow itself): nothing was recorded, and the caller may try again later.
 */
export function isTemporalUnavailable(error: unknown): boolean {
  return (
    error instanceof NamespaceNotFoundError || error instanceof ServiceError || isGrpcServiceError(error)
  );
}

export const temporalUnavailable = (error: unknown) =>
  new ServiceUnavailableException(
    `工作流服务暂不可用，未作任何记录，请稍后重试（the workflow service is unavailable: ${(error as Error).message}）`,
  );
