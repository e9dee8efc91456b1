import {
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { catchError, type Observable, throwError } from 'rxjs';
import { CurrentUser, Principal } from '../common/principal';
import { MAX_FILE_BYTES } from './import-file';
import { ImportQuery } from './imports.dto';
import { ImportsService } from './imports.service';
import { localized } from '../common/localized.exception';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Multer says "File too large" in English; a person uploading a workbook reads why in Chinese. */
@Injectable()
class UploadErrors implements NestInterceptor {
  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            error instanceof PayloadTooLargeException
              ? localized(
                  413,
                  '文件大小超过 5 MB，请拆分后分批导入',
                  'the file is larger than 5 MB; split it and import in parts',
                )
              : error,
          ),
        ),
      );
  }
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get('template.xlsx')
  async template(@CurrentUser() user: Principal): Promise<StreamableFile> {
    return new StreamableFile(await this.imports.template(user), {
      type: XLSX,
      disposition: `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('项目导入模板.xlsx')}`,
    });
  }

  @Post()
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(UploadErrors, FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  run(
    @CurrentUser() user: Principal,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Query() query: ImportQuery,
  ) {
    if (!file)
      throw localized(
        400,
        '缺少文件：请以 multipart/form-data 的「file」字段上传 .xlsx 或 .csv',
        'no file: upload an .xlsx or .csv as the multipart/form-data field file',
      );
    return this.imports.run(user, file.buffer, query.dryRun === 'true');
  }
}
