import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../common/principal';
import { idempotencyKey } from '../common/idempotency';
import { AdminActDto, ChangeRequestDto, RecordEventDto, TerminateDto } from './record-event.dto';
import { ProjectCommands } from './project-commands.service';
import { citationOf } from '../../../domain';

@ApiTags('events')
@ApiBearerAuth()
@Controller('projects/:id')
export class EventsController {
  constructor(private readonly commands: ProjectCommands) {}

  @Post('events')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key twice records one fact' })
  async record(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() event: RecordEventDto,
    @Headers('idempotency-key') key?: string,
  ) {
    const result = await this.commands.run(
      user,
      id,
      { kind: 'record', event: { ...event } as never },
      idempotencyKey(key),
    );
    return { factIndex: result.factIndex, status: result.status, obligations: result.obligations };
  }

  @Post('changes')
  @HttpCode(200)
  async change(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ChangeRequestDto,
    @Headers('idempotency-key') key?: string,
  ) {
    const result = await this.commands.run(
      user,
      id,
      { kind: 'record', event: { type: 'change.requested', ...body } },
      idempotencyKey(key),
    );
    const decision = result.changes.find((c) => c.event === result.factIndex);
    return {
      factIndex: result.factIndex,
      ...decision,
      ...(decision ? { basisText: citationOf(decision.basis) } : {}),
      requirements: result.requirements,
    };
  }

  @Post('pause')
  @HttpCode(200)
  @Roles('admin')
  pause(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AdminActDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.commands.run(user, id, { kind: 'pause', reason: body.reason }, idempotencyKey(key));
  }

  @Post('resume')
  @HttpCode(200)
  @Roles('admin')
  resume(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AdminActDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.commands.run(user, id, { kind: 'resume', reason: body.reason }, idempotencyKey(key));
  }

  @Post('terminate')
  @HttpCode(200)
  @Roles('admin')
  terminate(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: TerminateDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.commands.run(
      user,
      id,
      {
        kind: 'terminate',
        reason: body.reason,
        ...(body.effectiveOn ? { effectiveOn: body.effectiveOn } : {}),
      },
      idempotencyKey(key),
    );
  }
}
