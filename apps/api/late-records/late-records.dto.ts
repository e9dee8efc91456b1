import { IntersectionType } from '@nestjs/swagger';
import { PageQuery } from '../common/page.query';
import { OversightScopeQuery } from '../oversight/oversight.dto';

export class LateRecordsQuery extends IntersectionType(OversightScopeQuery, PageQuery) {}
