import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

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

/** The rules a new password must meet are checked by the service, which names what is missing. */
export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  newPassword!: string;
}
