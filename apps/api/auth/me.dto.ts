import { IsBoolean, IsEmail, IsOptional, MaxLength } from 'class-validator';

export class PreferencesDto {
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  /** Bureau operators: one daily digest of escalations instead of a message each. */
  @IsOptional()
  @IsBoolean()
  dailyDigest?: boolean;
}
