import { IsOptional, Matches } from 'class-validator';

export class CreateFeedDto {
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  departmentId?: string;
}
