import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsObject,
  IsOptional,
  MaxLength,
  ValidateNested,
  registerDecorator,
} from 'class-validator';

/** Every metadata value is base64, as Temporal's codec-server protocol sends it. */
function IsBase64Map(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBase64Map',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property: every value must be a base64 string' },
      validator: {
        validate: (value: unknown) =>
          value !== null &&
          typeof value === 'object' &&
          Object.keys(value).length <= 20 &&
          Object.values(value).every(
            (v) => typeof v === 'string' && v.length <= 1000 && /^[A-Za-z0-9+/]*={0,2}$/.test(v),
          ),
      },
    });
}

/** One payload in the JSON shape of Temporal's codec server: bytes as base64. */
export class CodecPayloadDto {
  @ApiProperty({ example: { encoding: 'anNvbi9wbGFpbg==' } })
  @IsOptional()
  @IsObject()
  @IsBase64Map()
  metadata?: Record<string, string>;

  @ApiProperty({ example: 'eyJhIjoxfQ==' })
  @IsOptional()
  @IsBase64()
  @MaxLength(4_000_000)
  data?: string;
}

export class CodecRequestDto {
  /** Protobuf JSON leaves an empty list out, so Temporal's Go clients send `{}` for no payloads. */
  @ApiProperty({ type: [CodecPayloadDto], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => CodecPayloadDto)
  payloads?: CodecPayloadDto[];
}
