import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../common/principal';
import { CodecRequestDto } from './temporal-codec.dto';
import { TemporalCodecService } from './temporal-codec.service';

/** The codec endpoint the Temporal UI (`--ui-codec-endpoint`) and CLI (`--codec-endpoint`) call. */
@ApiTags('temporal-codec')
@ApiBearerAuth()
@Controller('temporal-codec')
export class TemporalCodecController {
  constructor(private readonly codec: TemporalCodecService) {}

  @Post('decode')
  @Roles('admin')
  @HttpCode(200)
  decode(@Body() body: CodecRequestDto) {
    return this.codec.decode(body.payloads ?? []);
  }

  @Post('encode')
  @Roles('admin')
  @HttpCode(200)
  encode(
    @CurrentUser() user: Principal,
    @Body() body: CodecRequestDto,
    @Headers('x-namespace') namespace?: string,
  ) {
    return this.codec.encode(user, body.payloads ?? [], namespace);
  }
}
